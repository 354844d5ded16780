package io.brmh.scrapeworker.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.platform.execute.CallInputs;
import io.brmh.platform.execute.MethodCall;
import io.brmh.platform.execute.MethodCalls;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.scrapeworker.JobFailures;
import io.brmh.scrapeworker.describe.ImportProblem;
import io.brmh.scrapeworker.webhooks.RunWebhooks;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * One paginated run of a namespace method into a table: page after page, every item written under
 * its id, then a checkpoint (the next page's address and the counts) recorded on the job, so a
 * worker that takes the job over after a crash goes on from the last page written, and a page
 * written twice leaves each item once. The run ends after the last page, at {@code maxPages}, at
 * the first item the table holds when asked, or at the next page after a cancel request. The job's
 * progress counts items; its result replaces the original's executions records. The run's webhooks
 * ({@link RunWebhooks}) are called when it starts and when it ends, however it ends.
 */
@Singleton
public class PaginatedExecution {
  private static final Logger LOG = LoggerFactory.getLogger(PaginatedExecution.class);
  private static final ObjectMapper CHECKPOINTS = new ObjectMapper();
  private static final String UNIT = "items";

  private final JobRegistry jobs;
  private final NamespaceEntityStore entities;
  private final NamespaceTables tables;
  private final MethodCalls calls;
  private final UpstreamCalls upstream;
  private final TableItemsWriter writer;
  private final RunWebhooks webhooks;

  PaginatedExecution(
      JobRegistry jobs,
      NamespaceEntityStore entities,
      NamespaceTables tables,
      MethodCalls calls,
      UpstreamCalls upstream,
      TableItemsWriter writer,
      RunWebhooks webhooks) {
    this.jobs = jobs;
    this.entities = entities;
    this.tables = tables;
    this.calls = calls;
    this.upstream = upstream;
    this.writer = writer;
    this.webhooks = webhooks;
  }

  /**
   * @throws JobSteps.Stopped when the worker must stop; the command runs again elsewhere
   */
  public void run(ScrapeExecutionRequested request, BooleanSupplier stopRequested) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      return; // cancelled before it started, or ended by an earlier delivery
    }
    JobSteps steps = new JobSteps(jobs, request.jobId(), stopRequested, true);
    try {
      RunState state =
          jobs.checkpointOf(request.jobId())
              .map(RunState::read)
              .orElseGet(() -> save(request, RunState.fresh()));
      if (state.ending() == null) {
        if (!state.announced()) {
          webhooks.started(request, state.startedAt());
          state = save(request, state.afterAnnouncing());
        }
        state = save(request, state.ended(outcome(request, steps, state)));
      }
      // The ending is recorded before the post-exec calls are asked for, and they before the job
      // ends: a worker that takes over after a crash sends the same calls again and ends the job
      // the same way.
      RunState.Ending ending = state.ending();
      webhooks.finished(request, ending.status().name(), ending.occurredAt(), ending.told());
      end(request.jobId(), ending);
    } catch (EndedElsewhere ended) {
      LOG.info("Job {} was ended elsewhere; this run of it stops", request.jobId());
    }
  }

  /** Walks the pages, and says how the run ends; a failure worth another try is thrown. */
  private RunState.Ending outcome(
      ScrapeExecutionRequested request, JobSteps steps, RunState state) {
    try {
      return RunState.Ending.of(JobStatus.SUCCEEDED, walk(request, steps, state), null);
    } catch (JobSteps.Cancelled cancelled) {
      return RunState.Ending.of(JobStatus.CANCELLED, sofar(request), null);
    } catch (JobSteps.Stopped | EndedElsewhere passOn) {
      throw passOn;
    } catch (RuntimeException failed) {
      // Tried again while it may succeed (DynamoDB busy); ended with the reason once it never will.
      return RunState.Ending.of(
          JobStatus.FAILED,
          null,
          JobFailures.permanent(failed, request.tableName()).orElseThrow(() -> failed));
    }
  }

  private void end(String jobId, RunState.Ending ending) {
    switch (ending.status()) {
      case SUCCEEDED -> {
        long items = ((Number) ending.result().get("itemsWritten")).longValue();
        jobs.succeed(jobId, ending.result(), new JobEvent.Progress(items, items, UNIT));
      }
      case CANCELLED -> jobs.cancelled(jobId);
      default -> jobs.fail(jobId, ending.error());
    }
  }

  /** What a run that ends early had written, from its last checkpoint. */
  private Map<String, Object> sofar(ScrapeExecutionRequested request) {
    Checkpoint at =
        jobs.checkpointOf(request.jobId()).map(RunState::read).map(RunState::at).orElse(null);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("pages", at == null ? 0 : at.pages());
    counts.put("itemsWritten", at == null ? 0 : at.items());
    return counts;
  }

  /** The job ended while this run went on: another worker, or an operator, ended it. */
  private static final class EndedElsewhere extends RuntimeException {
    EndedElsewhere() {
      super(null, null, false, false);
    }
  }

  private Map<String, Object> walk(
      ScrapeExecutionRequested request, JobSteps steps, RunState state) {
    NamespaceEntity method = inNamespace(EntityKind.METHOD, request.methodId(), request);
    NamespaceEntity account = inNamespace(EntityKind.ACCOUNT, request.accountId(), request);
    String keyAttribute = keyAttribute(request);
    MethodCall first =
        calls.build(
            method,
            account,
            new CallInputs(request.pathParams(), request.queryParams(), Map.of(), null));
    Checkpoint at =
        state.at() != null
            ? state.at()
            : new Checkpoint(
                Pages.first(request.pagination(), first.uri()).toString(),
                request.pagination().type(),
                1,
                0,
                0,
                0,
                0,
                false,
                null,
                null);
    String stoppedBy = at.stoppedBy() != null ? at.stoppedBy() : "last-page";
    while (at.next() != null) {
      steps.checkpoint();
      if (request.maxPages() != null && at.pages() >= request.maxPages()) {
        stoppedBy = "max-pages";
        break;
      }
      URI address = URI.create(at.next());
      UpstreamCalls.Outcome outcome = upstream.send(first.at(address), steps);
      Pages.Answer answer = answer(outcome.response());
      String style =
          at.style().equalsIgnoreCase(Pages.AUTO)
              ? Pages.style(request.pagination(), answer)
              : at.style();
      List<Object> items = PageItems.of(answer.body(), request.pagination().itemsField());
      String pageHash = PageItems.hash(outcome.response().body());
      if (pageHash.equals(at.lastPageHash())) {
        stoppedBy = "repeated-page"; // an API that ignores the paging would send it for ever
        break;
      }
      List<TableItemsWriter.Keyed> keyed = keyed(items, request.idField());
      boolean reachedExisting = false;
      // A page whose writing a crash interrupted holds items of this run: they are not the
      // existing items the run stops at.
      boolean resumedWrite = at.writing();
      if (request.stopOnExisting() && !keyed.isEmpty() && !resumedWrite) {
        Set<String> existing =
            writer.existing(
                request.tableName(),
                keyAttribute,
                keyed.stream().map(TableItemsWriter.Keyed::id).toList());
        for (int i = 0; i < keyed.size(); i++) {
          if (existing.contains(keyed.get(i).id())) {
            keyed = keyed.subList(0, i);
            reachedExisting = true;
            break;
          }
        }
      }
      if (request.stopOnExisting()) {
        save(request, state.at(at.whileWriting()));
      }
      writer.write(request.tableName(), keyAttribute, keyed);
      Pages.Position position = new Pages.Position(style, at.page(), at.offset());
      URI next =
          reachedExisting
              ? null
              : Pages.next(request.pagination(), position, address, answer, items.size());
      Pages.Position after = Pages.advanced(position, items.size());
      at =
          new Checkpoint(
              next == null ? null : next.toString(),
              style,
              after.page(),
              after.offset(),
              at.items() + keyed.size(),
              at.pages() + 1,
              at.retries() + outcome.retries(),
              false,
              pageHash,
              next != null ? null : reachedExisting ? "existing-item" : "last-page");
      save(request, state.at(at));
      if (reachedExisting) {
        stoppedBy = "existing-item";
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tableName", request.tableName());
    result.put("methodId", request.methodId());
    result.put("pagination", at.style());
    result.put("pages", at.pages());
    result.put("itemsWritten", at.items());
    result.put("retries", at.retries());
    result.put("stoppedBy", stoppedBy);
    return result;
  }

  private RunState save(ScrapeExecutionRequested request, RunState state) {
    long items = state.at() == null ? 0 : state.at().items();
    if (!jobs.checkpoint(request.jobId(), state.write(), items, UNIT)) {
      throw new EndedElsewhere(); // a running job is ended by its worker alone
    }
    return state;
  }

  private NamespaceEntity inNamespace(
      EntityKind kind, String id, ScrapeExecutionRequested request) {
    return entities
        .find(kind, id)
        .filter(found -> found.namespaceId().equals(request.namespaceId()))
        .orElseThrow(
            () ->
                new ImportProblem(
                    kind.name().toLowerCase(java.util.Locale.ROOT) + "-not-found",
                    "Not Found",
                    404,
                    "The namespace has no "
                        + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " "
                        + id
                        + "."));
  }

  /** The table's partition key: the run's table belongs to the namespace and has no sort key. */
  private String keyAttribute(ScrapeExecutionRequested request) {
    if (tables
        .find(request.tableName())
        .filter(t -> t.namespaceId().equals(request.namespaceId()))
        .isEmpty()) {
      throw new ImportProblem(
          "table-not-found",
          "Not Found",
          404,
          "The namespace has no table " + request.tableName() + ".");
    }
    List<KeySchemaElement> key = tables.describe(request.tableName()).orElseThrow().keySchema();
    if (key.size() != 1) {
      throw new ImportProblem(
          "table-has-sort-key",
          "Unprocessable Content",
          422,
          "The table "
              + request.tableName()
              + " has a sort key; a run writes items keyed by their id alone.");
    }
    return key.stream()
        .filter(k -> k.keyType() == KeyType.HASH)
        .findFirst()
        .orElseThrow()
        .attributeName();
  }

  /** The page's items under their ids; an id given twice keeps its last item, as a table would. */
  private static List<TableItemsWriter.Keyed> keyed(List<Object> items, String idField) {
    Map<String, TableItemsWriter.Keyed> byId = new LinkedHashMap<>();
    for (Object item : items) {
      String canonical = canonical(item);
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes =
          item instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", item);
      String id = PageItems.idOf(item, idField, canonical);
      byId.remove(id);
      byId.put(id, new TableItemsWriter.Keyed(id, attributes));
    }
    return new ArrayList<>(byId.values());
  }

  private static String canonical(Object item) {
    try {
      return CHECKPOINTS.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("items are plain JSON values", e);
    }
  }

  private static Pages.Answer answer(OutboundResponse response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                headers.put(name, values.get(0));
              }
            });
    Object body = null;
    if (response.body().length > 0) {
      try {
        body = ExactJson.readPlain(new String(response.body(), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException notJson) {
        throw new ImportProblem(
            "upstream-not-json",
            "The API's answer is not JSON",
            502,
            "A page of the run is not JSON; its items cannot be read.");
      }
    }
    return new Pages.Answer(
        String.join(", ", response.headers().getOrDefault("link", List.of())).isEmpty()
            ? null
            : String.join(", ", response.headers().get("link")),
        headers,
        body);
  }
}
