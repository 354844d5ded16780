package io.brmh.namespaceworker;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.NamespaceTables.NamespaceTable;
import io.brmh.platform.unified.TableKey;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Copies a namespace into the namespace the gateway made for the copy (marked {@value
 * Namespace#COPYING} for this job): methods, accounts (their credentials only when asked), webhooks
 * and schemas under new ids with every reference between them pointed at the copies (a schema's
 * method and {@code $ref}s, a webhook's method and account, an account's tables), then the tables,
 * made anew for the copy with their items when asked. Member roles are not copied: the caller owns
 * the copy.
 *
 * <p>The copies' ids and table names are the same on every run ({@link CopyIds}), and each copy is
 * made only when it is not there yet, so a run after a crash or a redelivery finishes what the last
 * one began, and copies nothing twice. The copy becomes ready last.
 */
@Singleton
class NamespaceDuplication {
  private static final int PAGE = 100;

  private final NamespaceStore namespaces;
  private final NamespaceEntityStore entities;
  private final SchemaStore schemas;
  private final NamespaceTables tables;
  private final TableCopier copier;
  private final AccountCredentials credentials;
  private final JobRegistry jobs;

  NamespaceDuplication(
      NamespaceStore namespaces,
      NamespaceEntityStore entities,
      SchemaStore schemas,
      NamespaceTables tables,
      TableCopier copier,
      AccountCredentials credentials,
      JobRegistry jobs) {
    this.credentials = credentials;
    this.namespaces = namespaces;
    this.entities = entities;
    this.schemas = schemas;
    this.tables = tables;
    this.copier = copier;
    this.jobs = jobs;
  }

  void run(NamespaceDuplicateRequested request, BooleanSupplier stopRequested) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      // Cancelled before it ran (or ended): the copy, empty or whole, is its owner's to use.
      namespaces.markReady(request.copyId(), request.jobId());
      return;
    }
    Optional<Namespace> source = namespaces.find(request.namespaceId());
    Optional<Namespace> copy = namespaces.find(request.copyId());
    if (copy.isEmpty()
        || !Namespace.COPYING.equals(copy.get().status())
        || !request.jobId().equals(copy.get().jobId())) {
      fail(
          request,
          "namespace-not-marked",
          "Namespace " + request.copyId() + " is not this job's copy.");
      return;
    }
    if (source.isEmpty()) {
      namespaces.markReady(request.copyId(), request.jobId());
      fail(
          request,
          "namespace-not-found",
          "Namespace " + request.namespaceId() + " no longer exists.");
      return;
    }
    JobSteps progress = new JobSteps(jobs, request.jobId(), stopRequested, false);
    Copy run = new Copy(request, source.get(), copy.get(), progress);
    try {
      run.tables = tableNames(source.get(), copy.get());
      run.copyEntities(EntityKind.METHOD);
      run.copyEntities(EntityKind.ACCOUNT);
      run.copyEntities(EntityKind.WEBHOOK);
      run.copySchemas();
      run.copyTables();
    } catch (ProblemException refused) {
      // A table name of the copy is taken outside the namespace: what was copied stays, ready.
      namespaces.markReady(request.copyId(), request.jobId());
      Problem problem = refused.toProblem(null);
      jobs.fail(
          request.jobId(),
          new JobEvent.Problem(
              problem.type(), problem.title(), problem.status(), problem.detail()));
      return;
    }
    namespaces.markReady(request.copyId(), request.jobId());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("namespaceId", request.copyId());
    result.put("duplicatedFrom", request.namespaceId());
    result.put("copied", progress.counts());
    result.put("tableNames", run.tables);
    result.put("secretsCopied", request.includeSecrets());
    jobs.succeed(request.jobId(), result);
  }

  private void fail(NamespaceDuplicateRequested request, String slug, String detail) {
    jobs.fail(
        request.jobId(),
        new JobEvent.Problem("https://brmh.io/problems/" + slug, "Conflict", 409, detail));
  }

  /**
   * The copy's name of each of the source's tables: the source's name at its start becomes the
   * copy's ({@code shop-acme-orders} of {@code shop} becomes {@code shop-2-acme-orders} of {@code
   * shop-2}); other names get the copy's name in front.
   */
  private Map<String, String> tableNames(Namespace source, Namespace copy) {
    String from = NamespaceTables.defaultName(source.name(), "", "").replaceAll("-+$", "");
    String to = NamespaceTables.defaultName(copy.name(), "", "").replaceAll("-+$", "");
    Map<String, String> names = new LinkedHashMap<>();
    for (NamespaceTable table : tables.listOf(source.id())) {
      if (!"ACTIVE".equals(table.status())) {
        continue; // still being made: no table of the namespace yet
      }
      String name = table.tableName();
      String copied =
          name.startsWith(from + "-") ? to + name.substring(from.length()) : to + "-" + name;
      names.put(name, shortened(copied));
    }
    return names;
  }

  /** DynamoDB's longest table name is 255: longer ones keep their start and a hash of the rest. */
  private static String shortened(String name) {
    return name.length() <= 255
        ? name
        : name.substring(0, 246) + "-" + Integer.toHexString(name.hashCode() & 0x7fffffff);
  }

  /** One run of one duplicate job. */
  private final class Copy {
    private final NamespaceDuplicateRequested request;
    private final Namespace source;
    private final Namespace target;
    private final JobSteps progress;
    private final CopyIds ids;
    private Map<String, String> tables = Map.of();

    Copy(
        NamespaceDuplicateRequested request,
        Namespace source,
        Namespace target,
        JobSteps progress) {
      this.request = request;
      this.source = source;
      this.target = target;
      this.progress = progress;
      this.ids = new CopyIds(target.id());
    }

    void copyEntities(EntityKind kind) {
      String token = null;
      do {
        NamespaceEntityStore.EntityPage page = entities.list(kind, source.id(), PAGE, token);
        for (NamespaceEntity original : page.items()) {
          create(() -> entities.create(copyOf(original)));
          progress.count(kind.name().toLowerCase(java.util.Locale.ROOT) + "s", 1);
        }
        token = page.nextPageToken();
      } while (token != null);
    }

    private NamespaceEntity copyOf(NamespaceEntity original) {
      String id = ids.of(original.id());
      Map<String, Object> data = new LinkedHashMap<>(original.data());
      data.put("duplicated-from", original.id());
      relink(data, "method-id");
      relink(data, "account-id");
      if (data.get("tableName") instanceof String table) {
        data.put("tableName", tables.getOrDefault(table, table));
      } else if (data.get("tableName") instanceof Map<?, ?> byMethod) {
        Map<String, Object> linked = new LinkedHashMap<>();
        byMethod.forEach(
            (method, table) ->
                linked.put(
                    String.valueOf(method),
                    tables.getOrDefault(String.valueOf(table), String.valueOf(table))));
        data.put("tableName", linked);
      }
      Map<String, String> sealed = Map.of();
      if (request.includeSecrets()) {
        sealed = credentials.resealed(original.id(), id, original.sealed());
      } else {
        data.replaceAll((field, value) -> AccountCredentials.withoutSecretValues(value));
      }
      Instant now = Instant.now();
      return new NamespaceEntity(id, original.kind(), target.id(), data, sealed, 1, now, now);
    }

    /** A reference to an item of the namespace points at its copy; one to nothing stays. */
    private void relink(Map<String, Object> data, String field) {
      if (data.get(field) instanceof String id && !id.isEmpty()) {
        data.put(field, ids.of(id));
      }
    }

    void copySchemas() {
      String token = null;
      do {
        SchemaStore.SchemaPage page = schemas.list(source.id(), PAGE, token);
        for (NamespaceSchema original : page.items()) {
          Instant now = Instant.now();
          NamespaceSchema copy =
              new NamespaceSchema(
                  ids.of(original.id()),
                  target.id(),
                  original.schemaName(),
                  original.methodId() == null ? null : ids.of(original.methodId()),
                  original.methodName(),
                  original.schemaType(),
                  SchemaReferences.relinked(original.schema(), ids::of),
                  original.isArray(),
                  original.originalType(),
                  original.url(),
                  original.id(),
                  original.provenance(),
                  1,
                  now,
                  now);
          create(() -> schemas.create(copy));
          progress.count("schemas", 1);
        }
        token = page.nextPageToken();
      } while (token != null);
    }

    void copyTables() {
      for (NamespaceTable original : NamespaceDuplication.this.tables.listOf(source.id())) {
        String name = tables.get(original.tableName());
        if (name == null) {
          continue;
        }
        Optional<TableDescription> described =
            NamespaceDuplication.this.tables.describe(original.tableName());
        if (described.isEmpty()) {
          continue; // recorded, but dropped from DynamoDB: nothing to copy
        }
        NamespaceTable wanted =
            new NamespaceTable(
                name,
                target.id(),
                original.schemaId() == null ? null : ids.of(original.schemaId()),
                original.accountId() == null ? null : ids.of(original.accountId()),
                original.methodName(),
                null);
        NamespaceDuplication.this.tables.create(
            wanted,
            TableKey.of(described.get()),
            request.requestedBy(),
            ids.of("table/" + original.tableName()));
        copier.awaitActive(name);
        if (request.includeItems()) {
          copier.copy(original.tableName(), name, copied -> progress.count("items", copied));
        }
        progress.count("tables", 1);
      }
    }

    /** Makes a copy unless an earlier run of the job made it. */
    private void create(Runnable create) {
      try {
        create.run();
      } catch (ConditionalCheckFailedException madeBefore) {
        // this run goes on after the last one's copies
      }
    }
  }
}
