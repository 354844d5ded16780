package io.brmh.scrapeworker;

import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.scrapeworker.describe.ImportProblem;
import io.brmh.scrapeworker.describe.ImportedApi;
import io.brmh.scrapeworker.describe.ImportedMethod;
import io.brmh.scrapeworker.describe.ImportedSchema;
import io.brmh.scrapeworker.describe.MethodFields;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes an imported description into a namespace: its schemas into the unified schema store (their
 * {@code $ref}s to each other turned into references to the schemas' ids), its operations into
 * methods, and an account on the API's base URL when the namespace has none there. Everything it
 * makes carries its {@link Provenance}, by which the next import of the same description finds it
 * again: unchanged things are left alone, changed ones updated in place, and those the description
 * no longer has reported (and removed when asked). Ids of new things follow from the namespace and
 * key, so a redelivered or resumed import never makes anything twice.
 */
@Singleton
class NamespaceImport {
  private static final String COMPONENT_SCHEMAS = "#/components/schemas/";
  private static final int PAGE = 200;
  private static final int ATTEMPTS = 5;

  private final NamespaceStore namespaces;
  private final SchemaStore schemas;
  private final NamespaceEntityStore entities;

  NamespaceImport(NamespaceStore namespaces, SchemaStore schemas, NamespaceEntityStore entities) {
    this.namespaces = namespaces;
    this.schemas = schemas;
    this.entities = entities;
  }

  /**
   * @return the diff, by kind and change
   * @throws ImportProblem when the namespace is gone or a job (a delete) works on it
   */
  Map<String, Object> save(ImportedApi api, ScrapeImportRequested request, JobSteps steps) {
    String namespaceId = request.namespaceId();
    requireWritable(namespaceId);
    Instant now = Instant.now();
    ImportDiff diff = new ImportDiff();
    Map<String, NamespaceSchema> knownSchemas = importedSchemas(namespaceId);
    Map<String, String> schemaIds = new HashMap<>();
    for (ImportedSchema schema : api.schemas()) {
      NamespaceSchema known = knownSchemas.get(schema.name());
      schemaIds.put(
          schema.name(),
          known != null ? known.id() : Provenance.idFor(namespaceId, "schema", schema.name()));
    }
    Context context = new Context(api, request, now, diff, steps, new AtomicLong());
    if (request.importSchemas()) {
      for (ImportedSchema schema : api.schemas()) {
        Object relinked = relinked(schema.schema(), schemaIds);
        saveSchema(
            context,
            schema,
            relinked,
            schemaIds.get(schema.name()),
            knownSchemas.get(schema.name()));
      }
      Set<String> names = new HashSet<>(schemaIds.keySet());
      for (NamespaceSchema known : knownSchemas.values()) {
        if (fromSource(known.provenance(), context) && !names.contains(key(known.provenance()))) {
          boolean remove = request.removeVanished() && schemas.delete(known.id());
          diff.record("schemas", remove ? "removed" : "vanished", known.schemaName());
          steps.checkpoint();
        }
      }
    }
    if (request.importMethods()) {
      Map<String, NamespaceEntity> knownMethods = imported(EntityKind.METHOD, namespaceId);
      Set<String> keys = new HashSet<>();
      for (ImportedMethod method : api.methods()) {
        keys.add(method.key());
        @SuppressWarnings("unchecked")
        Map<String, Object> data =
            (Map<String, Object>)
                relinked(method.data(), request.importSchemas() ? schemaIds : Map.of());
        saveMethod(context, method, data, knownMethods.get(method.key()));
      }
      for (NamespaceEntity known : knownMethods.values()) {
        Map<String, Object> provenance = provenanceOf(known);
        if (fromSource(provenance, context) && !keys.contains(key(provenance))) {
          boolean remove =
              request.removeVanished() && entities.delete(EntityKind.METHOD, known.id());
          diff.record("methods", remove ? "removed" : "vanished", name(known));
          steps.checkpoint();
        }
      }
      ensureAccount(context);
    }
    return diff.toResult();
  }

  /** What one import knows as it writes. */
  private record Context(
      ImportedApi api,
      ScrapeImportRequested request,
      Instant now,
      ImportDiff diff,
      JobSteps steps,
      AtomicLong writes) {
    Map<String, Object> provenance(String key, String hash, String change) {
      Map<String, Object> provenance = Provenance.of(api, key, hash, request.jobId(), change, now);
      provenance.put(Provenance.REQUESTED_URL, request.sourceUrl());
      return provenance;
    }
  }

  private static final int WRITES_BETWEEN_CHECKS = 100;

  /**
   * Counts a write; every {@value #WRITES_BETWEEN_CHECKS} the namespace is looked at again, so an
   * import stops soon after a delete of it began (the two run on different topics).
   */
  private void wrote(Context context) {
    if (context.writes().incrementAndGet() % WRITES_BETWEEN_CHECKS == 0) {
      requireWritable(context.request().namespaceId());
    }
  }

  private void saveSchema(
      Context context, ImportedSchema imported, Object schema, String id, NamespaceSchema known) {
    String hash = Provenance.hash(schema);
    String namespaceId = context.request().namespaceId();
    String type = schema instanceof Map<?, ?> map && map.get("type") instanceof String t ? t : null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      NamespaceSchema current = known != null ? known : schemas.find(id).orElse(null);
      Optional<String> change =
          change(current == null ? null : current.provenance(), hash, context);
      if (change.isPresent()) {
        context.diff().record("schemas", change.get(), imported.name());
        context.steps().count("schemas", 1);
        return;
      }
      String made = current == null ? "added" : "updated";
      NamespaceSchema next =
          new NamespaceSchema(
              current == null ? id : current.id(),
              namespaceId,
              imported.name(),
              null,
              null,
              type,
              schema,
              "array".equals(type),
              null,
              context.api().source().toString(),
              current == null ? null : current.duplicatedFrom(),
              context.provenance(imported.name(), hash, made),
              current == null ? 1 : current.version() + 1,
              current == null ? context.now() : current.createdAt(),
              context.now());
      if (current == null
          ? create(() -> schemas.create(next))
          : schemas.replace(next, current.version())) {
        context.diff().record("schemas", made, imported.name());
        context.steps().count("schemas", 1);
        wrote(context);
        return;
      }
      known = null; // changed meanwhile: read it again
    }
    throw new IllegalStateException("schema " + id + " kept changing during the import");
  }

  private void saveMethod(
      Context context, ImportedMethod imported, Map<String, Object> data, NamespaceEntity known) {
    String hash = Provenance.hash(data);
    String namespaceId = context.request().namespaceId();
    String id = Provenance.idFor(namespaceId, "method", imported.key());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      NamespaceEntity current =
          known != null ? known : entities.find(EntityKind.METHOD, id).orElse(null);
      Optional<String> change =
          change(current == null ? null : provenanceOf(current), hash, context);
      if (change.isPresent()) {
        context.diff().record("methods", change.get(), imported.name());
        context.steps().count("methods", 1);
        return;
      }
      String made = current == null ? "added" : "updated";
      Map<String, Object> written = new LinkedHashMap<>(data);
      written.put(MethodFields.PROVENANCE, context.provenance(imported.key(), hash, made));
      NamespaceEntity next =
          new NamespaceEntity(
              current == null ? id : current.id(),
              EntityKind.METHOD,
              namespaceId,
              written,
              Map.of(),
              current == null ? 1 : current.version() + 1,
              current == null ? context.now() : current.createdAt(),
              context.now());
      if (current == null
          ? create(() -> entities.create(next))
          : entities.replace(next, current.version())) {
        context.diff().record("methods", made, imported.name());
        context.steps().count("methods", 1);
        wrote(context);
        return;
      }
      known = null;
    }
    throw new IllegalStateException("method " + id + " kept changing during the import");
  }

  /**
   * The change to report without writing, if any: the one an earlier try of this same job made (a
   * resumed job reports what the whole job did), or {@code unchanged} when the description says
   * what was imported last time.
   */
  private static Optional<String> change(
      Map<String, Object> provenance, String hash, Context context) {
    if (provenance == null) {
      return Optional.empty();
    }
    if (context.request().jobId().equals(provenance.get(Provenance.JOB_ID))) {
      return Optional.of(String.valueOf(provenance.get(Provenance.CHANGE)));
    }
    return hash.equals(provenance.get(Provenance.DATA_HASH))
        ? Optional.of("unchanged")
        : Optional.empty();
  }

  /**
   * An account on the API's first base URL, unless the namespace has one there: the methods'
   * relative URLs are called on it. Its credentials are the user's to add.
   */
  private void ensureAccount(Context context) {
    if (context.api().servers().isEmpty()) {
      return;
    }
    String server = context.api().servers().get(0);
    String namespaceId = context.request().namespaceId();
    for (String token = null; ; ) {
      NamespaceEntityStore.EntityPage page =
          entities.list(EntityKind.ACCOUNT, namespaceId, PAGE, token);
      for (NamespaceEntity account : page.items()) {
        if (server.equals(account.data().get("namespace-account-url-override"))) {
          return;
        }
      }
      token = page.nextPageToken();
      if (token == null) {
        break;
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("namespace-account-name", context.api().title());
    data.put("namespace-account-url-override", server);
    data.put("namespace-account-header", List.of());
    data.put("variables", List.of());
    data.put("tags", List.of("imported"));
    data.put(MethodFields.PROVENANCE, context.provenance(server, Provenance.hash(data), "added"));
    NamespaceEntity account =
        new NamespaceEntity(
            Provenance.idFor(namespaceId, "account", server),
            EntityKind.ACCOUNT,
            namespaceId,
            data,
            Map.of(),
            1,
            context.now(),
            context.now());
    if (create(() -> entities.create(account))) {
      context.diff().record("accounts", "added", context.api().title());
    }
  }

  /** Whether a conditional create wrote: false when an item of its id exists already. */
  private static boolean create(Runnable write) {
    try {
      write.run();
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  private void requireWritable(String namespaceId) {
    Namespace namespace =
        namespaces
            .find(namespaceId)
            .orElseThrow(
                () ->
                    new ImportProblem(
                        "namespace-not-found",
                        "Not Found",
                        404,
                        "There is no namespace " + namespaceId + "."));
    if (namespace.isBusy()) {
      throw new ImportProblem(
          "namespace-busy",
          "Conflict",
          409,
          "The namespace " + namespaceId + " is " + namespace.status() + "; nothing was imported.");
    }
  }

  /** The namespace's schemas an import made, by their key. */
  private Map<String, NamespaceSchema> importedSchemas(String namespaceId) {
    Map<String, NamespaceSchema> found = new LinkedHashMap<>();
    for (String token = null; ; ) {
      SchemaStore.SchemaPage page = schemas.list(namespaceId, PAGE, token);
      for (NamespaceSchema schema : page.items()) {
        if (schema.provenance() != null) {
          found.put(key(schema.provenance()), schema);
        }
      }
      token = page.nextPageToken();
      if (token == null) {
        return found;
      }
    }
  }

  /** The namespace's methods (or accounts) an import made, by their key. */
  private Map<String, NamespaceEntity> imported(EntityKind kind, String namespaceId) {
    Map<String, NamespaceEntity> found = new LinkedHashMap<>();
    for (String token = null; ; ) {
      NamespaceEntityStore.EntityPage page = entities.list(kind, namespaceId, PAGE, token);
      for (NamespaceEntity entity : page.items()) {
        Map<String, Object> provenance = provenanceOf(entity);
        if (provenance != null) {
          found.put(key(provenance), entity);
        }
      }
      token = page.nextPageToken();
      if (token == null) {
        return found;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> provenanceOf(NamespaceEntity entity) {
    return entity.data().get(MethodFields.PROVENANCE) instanceof Map<?, ?> provenance
        ? (Map<String, Object>) provenance
        : null;
  }

  private static String key(Map<String, Object> provenance) {
    return String.valueOf(provenance.get(Provenance.KEY));
  }

  /**
   * Whether an earlier import made it from the same source: the same description's address, or the
   * same address asked for (which may lead elsewhere from one import to the next).
   */
  private static boolean fromSource(Map<String, Object> provenance, Context context) {
    return provenance != null
        && (context.api().source().toString().equals(provenance.get(Provenance.SOURCE_URL))
            || context.request().sourceUrl().equals(provenance.get(Provenance.REQUESTED_URL)));
  }

  private static String name(NamespaceEntity method) {
    return String.valueOf(method.data().get(EntityKind.METHOD.nameField()));
  }

  /**
   * The value with every {@code $ref} to one of the description's named schemas turned into the id
   * of the namespace schema it became, as the unified model writes references; others stay.
   */
  static Object relinked(Object value, Map<String, String> schemaIds) {
    return relink(
        value,
        reference -> {
          if (!reference.startsWith(COMPONENT_SCHEMAS)) {
            return reference;
          }
          String name =
              URLDecoder.decode(
                      reference.substring(COMPONENT_SCHEMAS.length()), StandardCharsets.UTF_8)
                  .replace("~1", "/")
                  .replace("~0", "~");
          return schemaIds.getOrDefault(name, reference);
        });
  }

  private static Object relink(Object value, Function<String, String> target) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, member) ->
              copy.put(
                  String.valueOf(key),
                  "$ref".equals(key) && member instanceof String reference
                      ? target.apply(reference)
                      : relink(member, target)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(relink(element, target)));
      return copy;
    }
    return value;
  }
}
