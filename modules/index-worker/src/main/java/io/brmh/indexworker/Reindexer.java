package io.brmh.indexworker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import io.brmh.platform.search.SearchEngine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A reindex job: the whole table, page by page, into a new generation named by the job, a
 * checkpoint (the scan's position and the count) on the job after each page; then the alias moves
 * to the new generation in one step and the old one is dropped. The table's changes wait in Kafka
 * meanwhile and apply to the new generation after. A worker that takes the job over goes on from
 * the last page written; writing a page again replaces its documents by id. Two workers on one job
 * (one of them too slow to notice it lost the partition) build the same generation and move the
 * alias to the same place.
 */
@Singleton
class Reindexer {
  private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNIT = "documents";

  private final JobRegistry jobs;
  private final IndexConfigStore configs;
  private final IndexConfigsByTable byTable;
  private final SearchEngine engine;
  private final DynamoDbClient dynamo;
  private final IndexWorkerConfiguration configuration;

  Reindexer(
      JobRegistry jobs,
      IndexConfigStore configs,
      IndexConfigsByTable byTable,
      SearchEngine engine,
      DynamoDbClient dynamo,
      IndexWorkerConfiguration configuration) {
    this.jobs = jobs;
    this.configs = configs;
    this.byTable = byTable;
    this.engine = engine;
    this.dynamo = dynamo;
    this.configuration = configuration;
  }

  /** Where a reindex stands: the scan's next start and the documents written. */
  record Checkpoint(Map<String, Map<String, String>> next, long documents) {}

  /**
   * @throws JobSteps.Stopped when the worker must stop; the job goes on elsewhere
   */
  void run(IndexReindexRequested request, BooleanSupplier stopRequested) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      return; // cancelled before it started, or ended by an earlier delivery
    }
    byTable.forget(request.table());
    Optional<IndexConfig> found =
        configs.find(request.indexId()).filter(c -> c.table().equals(request.table()));
    if (found.isEmpty()) {
      jobs.fail(request.jobId(), problem(404, "The index configuration is gone."));
      return;
    }
    IndexConfig config = found.get();
    String generation = config.generation(request.jobId());
    JobSteps steps = new JobSteps(jobs, request.jobId(), stopRequested, true);
    try {
      long documents = build(request, config, generation, steps);
      engine.alias(config.alias(), generation);
      // Every other generation of the index goes: the one before, and any a crash left behind.
      engine.indexes(config.alias() + "-").stream()
          .filter(other -> !other.equals(generation))
          .forEach(engine::drop);
      // Its changes apply from here: the table's configurations as this job read them, strongly.
      byTable.include(config);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("indexId", config.id());
      result.put("table", config.table());
      result.put("generation", generation);
      result.put("documents", documents);
      jobs.succeed(request.jobId(), result, new JobEvent.Progress(documents, documents, UNIT));
      LOG.info("Index {} of {} rebuilt: {} documents", config.id(), config.table(), documents);
    } catch (JobSteps.Cancelled cancelled) {
      engine.drop(generation);
      jobs.cancelled(request.jobId());
    } catch (TableGone gone) {
      engine.drop(generation);
      jobs.fail(request.jobId(), problem(404, "The table " + request.table() + " is gone."));
    } catch (EndedElsewhere ended) {
      // Another worker finished the job, and may have moved the alias to this very generation.
      LOG.info("Reindex job {} was ended elsewhere; this run of it stops", request.jobId());
    }
  }

  /**
   * The table the job reads is not there. Only the calls on that table raise it: a BRMH table
   * missing (the jobs table) fails as itself, as a passing failure.
   */
  private static final class TableGone extends RuntimeException {
    TableGone() {
      super(null, null, false, false);
    }
  }

  /** The job ended while this run went on: a worker that took it over ended it. */
  private static final class EndedElsewhere extends RuntimeException {
    EndedElsewhere() {
      super(null, null, false, false);
    }
  }

  private long build(
      IndexReindexRequested request, IndexConfig config, String generation, JobSteps steps) {
    List<String> keyNames;
    try {
      keyNames =
          dynamo.describeTable(b -> b.tableName(request.table())).table().keySchema().stream()
              .map(KeySchemaElement::attributeName)
              .toList();
    } catch (ResourceNotFoundException gone) {
      throw new TableGone();
    }
    // A checkpoint goes with the generation it describes: a worker whose engine lacks it (another
    // directory) starts the scan again.
    Checkpoint at =
        jobs.checkpointOf(request.jobId())
            .map(Reindexer::read)
            .filter(saved -> engine.exists(generation))
            .orElse(new Checkpoint(null, 0));
    if (at.next() == null && at.documents() > 0) {
      return at.documents(); // the scan was over when the last worker stopped
    }
    if (at.next() == null) {
      engine.drop(generation); // nothing of an earlier try may stay without its checkpoint
    }
    engine.create(generation);
    Map<String, AttributeValue> start = at.next() == null ? null : key(at.next());
    long documents = at.documents();
    do {
      steps.checkpoint();
      Map<String, AttributeValue> from = start;
      ScanResponse page;
      try {
        page =
            dynamo.scan(
                b ->
                    b.tableName(request.table())
                        .limit(configuration.pageSize())
                        .consistentRead(true)
                        .exclusiveStartKey(from));
      } catch (ResourceNotFoundException gone) {
        throw new TableGone();
      }
      List<IndexDocument> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.items()) {
        Map<String, Object> plain = PlainValues.fromItem(item);
        Map<String, Object> keys = new LinkedHashMap<>();
        keyNames.forEach(name -> keys.put(name, plain.get(name)));
        batch.add(SearchDocuments.of(config, keys, plain));
      }
      engine.write(generation, batch, List.of());
      documents += batch.size();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      if (!jobs.checkpoint(request.jobId(), write(start, documents), documents, UNIT)) {
        throw new EndedElsewhere();
      }
    } while (start != null);
    return documents;
  }

  private static JobEvent.Problem problem(int status, String detail) {
    return new JobEvent.Problem(
        "https://brmh.io/problems/" + (status == 404 ? "not-found" : "conflict"),
        status == 404 ? "Not Found" : "Conflict",
        status,
        detail);
  }

  /** A scan position as text: each key attribute's type and value. */
  private static String write(Map<String, AttributeValue> next, long documents) {
    Map<String, Map<String, String>> key = null;
    if (next != null) {
      key = new LinkedHashMap<>();
      for (Map.Entry<String, AttributeValue> attribute : next.entrySet()) {
        AttributeValue value = attribute.getValue();
        key.put(
            attribute.getKey(),
            value.s() != null
                ? Map.of("S", value.s())
                : value.n() != null
                    ? Map.of("N", value.n())
                    : Map.of(
                        "B",
                        java.util.Base64.getEncoder().encodeToString(value.b().asByteArray())));
      }
    }
    try {
      return JSON.writeValueAsString(new Checkpoint(key, documents));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a checkpoint always writes", e);
    }
  }

  private static Map<String, AttributeValue> key(Map<String, Map<String, String>> text) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    text.forEach(
        (name, typed) -> {
          if (typed.containsKey("S")) {
            key.put(name, AttributeValue.fromS(typed.get("S")));
          } else if (typed.containsKey("N")) {
            key.put(name, AttributeValue.fromN(typed.get("N")));
          } else {
            key.put(
                name,
                AttributeValue.fromB(
                    software.amazon.awssdk.core.SdkBytes.fromByteArray(
                        java.util.Base64.getDecoder().decode(typed.get("B")))));
          }
        });
    return key;
  }

  private static Checkpoint read(String text) {
    try {
      return JSON.readValue(text, new TypeReference<Checkpoint>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("a reindex checkpoint that cannot be read", e);
    }
  }
}
