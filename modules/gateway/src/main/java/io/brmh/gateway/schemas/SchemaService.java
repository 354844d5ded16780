package io.brmh.gateway.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.brmh.gateway.namespaces.IfMatch;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.schemas.SchemasConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of namespace schemas: a schema is stored only when it is valid JSON Schema once the
 * namespace's schemas it refers to are inlined; changes name the version they change; copies get
 * new ids. Authorization by the namespace's roles happens before, in the controller.
 */
@Singleton
public class SchemaService {
  private static final Pattern ID = Pattern.compile(SchemaRequests.UUID);

  /** Jackson trees for the validator, every number a {@link java.math.BigDecimal} as written. */
  private static final ObjectMapper TREES =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private final SchemaStore store;
  private final JsonSchemas schemas;
  private final SchemasConfiguration config;

  SchemaService(SchemaStore store, JsonSchemas schemas, SchemasConfiguration config) {
    this.store = store;
    this.schemas = schemas;
    this.config = config;
  }

  /**
   * @throws ProblemException 400 naming each fault of the schema by its JSON Pointer
   */
  NamespaceSchema create(SchemaRequests.NewSchema request) {
    JsonNode tree = tree(request.schema(), "schema");
    resolvedAndChecked(request.namespaceId(), null, tree);
    Instant now = Instant.now();
    NamespaceSchema schema =
        new NamespaceSchema(
            UUID.randomUUID().toString(),
            request.namespaceId(),
            request.schemaName(),
            request.methodId(),
            request.methodName(),
            request.schemaType(),
            request.schema(),
            Boolean.TRUE.equals(request.isArray()),
            request.originalType(),
            request.url(),
            null,
            null,
            1,
            now,
            now);
    store.create(schema);
    return schema;
  }

  SchemaStore.SchemaPage list(String namespaceId, int limit, @Nullable String pageToken) {
    return store.list(namespaceId, limit, pageToken);
  }

  /** Schemas looked at by one selection at most: a search is a bounded walk, not a scan. */
  static final int MAX_SELECTION_EXAMINED = 2_000;

  /**
   * The schemas of these namespaces whose name or method name contains {@code search} (ignoring
   * case; every schema when it is empty), in namespace order, up to {@code limit}.
   */
  SchemaRequests.Selection select(
      java.util.Collection<String> namespaceIds, @Nullable String search, int limit) {
    String wanted = search == null ? "" : search.toLowerCase(java.util.Locale.ROOT);
    List<SchemaRequests.Selected> selected = new java.util.ArrayList<>();
    int total = 0;
    int examined = 0;
    for (String namespaceId : namespaceIds) {
      String token = null;
      do {
        SchemaStore.SchemaPage page = store.list(namespaceId, 200, token);
        for (NamespaceSchema schema : page.items()) {
          examined++;
          if (matches(schema, wanted)) {
            total++;
            if (selected.size() < limit) {
              selected.add(selected(schema));
            }
          }
        }
        token = page.nextPageToken();
      } while (token != null && examined < MAX_SELECTION_EXAMINED);
      if (examined >= MAX_SELECTION_EXAMINED) {
        return new SchemaRequests.Selection(selected, total, limit, true);
      }
    }
    return new SchemaRequests.Selection(selected, total, limit, false);
  }

  private static boolean matches(NamespaceSchema schema, String wanted) {
    return wanted.isEmpty()
        || schema.schemaName().toLowerCase(java.util.Locale.ROOT).contains(wanted)
        || (schema.methodName() != null
            && schema.methodName().toLowerCase(java.util.Locale.ROOT).contains(wanted));
  }

  private static SchemaRequests.Selected selected(NamespaceSchema schema) {
    Object description =
        schema.schema() instanceof java.util.Map<?, ?> map ? map.get("description") : null;
    return new SchemaRequests.Selected(
        schema.id(),
        schema.schemaName(),
        schema.methodName(),
        schema.namespaceId(),
        description instanceof String text ? text : null);
  }

  /**
   * @throws ProblemException 404 when there is none
   */
  public NamespaceSchema get(String id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  /**
   * The schema with the namespace's schemas it refers to inlined, recursively.
   *
   * @throws ProblemException 400 when a reference names no schema of the namespace or is a cycle
   */
  NamespaceSchema resolved(NamespaceSchema schema) {
    JsonNode resolved =
        SchemaResolver.resolve(
            schema.id(),
            tree(schema.schema(), "schema"),
            lookupIn(schema.namespaceId()),
            "/schema");
    return schema.withSchema(plain(resolved));
  }

  /**
   * @throws ProblemException 428 without {@code If-Match}, 412 when the schema changed since the
   *     version it names, 400 for an invalid schema
   */
  NamespaceSchema update(
      NamespaceSchema current, @Nullable String ifMatch, SchemaRequests.SchemaChanges changes) {
    long expected = IfMatch.expectedVersion(ifMatch, current.version(), stale(current.id()));
    Object schema = changes.schema() == null ? current.schema() : changes.schema();
    if (changes.schema() != null) {
      resolvedAndChecked(current.namespaceId(), current.id(), tree(schema, "schema"));
    }
    NamespaceSchema next =
        new NamespaceSchema(
            current.id(),
            current.namespaceId(),
            changes.schemaName() == null ? current.schemaName() : changes.schemaName(),
            current.methodId(),
            current.methodName(),
            current.schemaType(),
            schema,
            changes.isArray() == null ? current.isArray() : changes.isArray(),
            changes.originalType() == null ? current.originalType() : changes.originalType(),
            changes.url() == null ? current.url() : changes.url(),
            current.duplicatedFrom(),
            current.provenance(),
            expected + 1,
            current.createdAt(),
            Instant.now());
    if (!store.replace(next, expected)) {
      throw store.find(current.id()).isPresent() ? stale(current.id()) : notFound(current.id());
    }
    return next;
  }

  /**
   * @throws ProblemException 404 when there is none
   */
  void delete(String id) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
  }

  /** A copy under a new id, named {@code newName} or the original's name with " (copy)". */
  NamespaceSchema duplicate(NamespaceSchema original, @Nullable String newName) {
    Instant now = Instant.now();
    NamespaceSchema copy =
        new NamespaceSchema(
            UUID.randomUUID().toString(),
            original.namespaceId(),
            newName != null ? newName : original.schemaName() + " (copy)",
            original.methodId(),
            original.methodName(),
            original.schemaType(),
            original.schema(),
            original.isArray(),
            original.originalType(),
            original.url(),
            original.id(),
            original.provenance(),
            1,
            now,
            now);
    store.create(copy);
    return copy;
  }

  /**
   * A schema a sample fits.
   *
   * @throws ProblemException 400 when the sample is no non-empty object or array
   */
  Object generate(Object sample) {
    JsonNode tree = tree(sample, "data");
    if (!(tree.isObject() || tree.isArray()) || tree.isEmpty()) {
      throw ProblemException.invalidField("data", "must be a non-empty object or array");
    }
    return plain(schemas.generate(tree));
  }

  /**
   * Checks a schema, and data against it when given; with a namespace, its schemas resolve the
   * schema's references.
   *
   * @throws ProblemException 400 naming each fault by its JSON Pointer into the body
   */
  void check(SchemaRequests.Check request) {
    JsonNode resolved =
        resolvedAndChecked(request.namespaceId(), null, tree(request.schema(), "schema"));
    if (request.data() != null) {
      List<Problem.FieldError> faults =
          schemas.dataFaults(resolved, tree(request.data(), "data"), "/data");
      if (!faults.isEmpty()) {
        throw new ProblemException(
            HttpStatus.BAD_REQUEST, "invalid-data", "The data does not match the schema.", faults);
      }
    }
  }

  private JsonNode resolvedAndChecked(
      @Nullable String namespaceId, @Nullable String id, JsonNode tree) {
    JsonNode resolved =
        SchemaResolver.resolve(
            id,
            tree,
            namespaceId == null ? referenced -> Optional.empty() : lookupIn(namespaceId),
            "/schema");
    List<Problem.FieldError> faults = schemas.schemaFaults(resolved, "/schema");
    if (!faults.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-schema", "The schema is not valid.", faults);
    }
    return resolved;
  }

  private java.util.function.Function<String, Optional<JsonNode>> lookupIn(String namespaceId) {
    return referenced ->
        ID.matcher(referenced).matches()
            ? store
                .find(referenced)
                .filter(schema -> schema.namespaceId().equals(namespaceId))
                .map(schema -> tree(schema.schema(), "schema"))
            : Optional.empty();
  }

  /** The Jackson tree of a value read from a body or the table, numbers exact. */
  private JsonNode tree(Object value, String field) {
    String text = store.text(value);
    if (text.getBytes(StandardCharsets.UTF_8).length > config.maxSize()) {
      throw ProblemException.invalidField(
          field, "must be at most " + config.maxSize() + " bytes of JSON");
    }
    try {
      return TREES.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object plain(JsonNode tree) {
    try {
      return ExactJson.readPlain(TREES.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "schema-not-found", "There is no schema " + id + ".");
  }

  static ProblemException stale(String id) {
    return new ProblemException(
        HttpStatus.PRECONDITION_FAILED,
        "version-mismatch",
        "Schema " + id + " changed since the version named in If-Match; read it again.");
  }
}
