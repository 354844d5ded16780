package io.brmh.scrapeworker;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A namespace with an account on a fake API, a method per paging style, and a table: runs on it.
 */
@Singleton
public class Executions {
  public static final String SECRET = "Bearer sealed-credential-5c1e";

  final Imports imports;
  final NamespaceEntityStore entities;
  final NamespaceTables tables;
  final AccountCredentials credentials;
  final JobCommands commands;
  final DynamoDbClient dynamo;

  Executions(
      Imports imports,
      NamespaceEntityStore entities,
      NamespaceTables tables,
      AccountCredentials credentials,
      JobCommands commands,
      DynamoDbClient dynamo) {
    this.imports = imports;
    this.entities = entities;
    this.tables = tables;
    this.credentials = credentials;
    this.commands = commands;
    this.dynamo = dynamo;
  }

  /** What a run needs: the namespace, its account on the API, and its table. */
  public record Setup(Namespace namespace, NamespaceEntity account, String table) {}

  public Setup setup(String apiBase) {
    Namespace namespace = imports.namespace();
    String accountId = UUID.randomUUID().toString();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("namespace-account-name", "fake");
    data.put("namespace-account-url-override", apiBase);
    data.put(
        "namespace-account-header",
        List.of(Map.of("key", "Authorization", "value", "********", "secret", true)));
    data.put("variables", List.of());
    NamespaceEntity account =
        new NamespaceEntity(
            accountId,
            EntityKind.ACCOUNT,
            namespace.id(),
            data,
            Map.of(
                "namespace-account-header/Authorization",
                credentials.seal(accountId, "namespace-account-header/Authorization", SECRET)),
            1,
            Instant.now(),
            Instant.now());
    entities.create(account);
    String table = "run-" + UUID.randomUUID().toString().substring(0, 12);
    tables.create(
        new NamespaceTables.NamespaceTable(table, namespace.id(), null, null, null, "PENDING"),
        Imports.OWNER);
    return new Setup(namespace, account, table);
  }

  public NamespaceEntity method(Setup setup, String path) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("namespace-method-name", "list " + path);
    data.put("namespace-method-type", "GET");
    data.put("namespace-method-url-override", path);
    NamespaceEntity method =
        new NamespaceEntity(
            UUID.randomUUID().toString(),
            EntityKind.METHOD,
            setup.namespace().id(),
            data,
            Map.of(),
            1,
            Instant.now(),
            Instant.now());
    entities.create(method);
    return method;
  }

  public ScrapeExecutionRequested request(
      Setup setup,
      NamespaceEntity method,
      String paging,
      Integer maxPages,
      boolean stopOnExisting) {
    ScrapeExecutionRequested.Pagination pagination =
        paging.equals("header-token")
            ? new ScrapeExecutionRequested.Pagination(
                "token", "header", "X-Next-Page-Token", "pageToken", null, null, null, null)
            : new ScrapeExecutionRequested.Pagination(
                paging, null, null, null, null, null, 100, null);
    return new ScrapeExecutionRequested(
        UUID.randomUUID().toString(),
        setup.namespace().id(),
        method.id(),
        setup.account().id(),
        setup.table(),
        Map.of(),
        Map.of(),
        pagination,
        null,
        maxPages,
        stopOnExisting,
        Imports.OWNER);
  }

  public Job submit(ScrapeExecutionRequested request) {
    return commands.submit(
        request.jobId(),
        "scrape.execute",
        "namespace:" + request.namespaceId(),
        Imports.OWNER,
        id -> envelope(request));
  }

  /** Puts the command on Kafka for a job accepted before, as a redelivery after a crash does. */
  public void deliver(ScrapeExecutionRequested request) {
    imports.publisher.publish(envelope(request)).join();
  }

  private static Envelope<ScrapeExecutionRequested> envelope(ScrapeExecutionRequested request) {
    return new Envelope<>(
        EnvelopeAttributes.create(
                MessageType.SCRAPE_EXECUTION_REQUESTED, "/brmh/test", request.namespaceId())
            .withJobId(request.jobId()),
        request);
  }

  /** Every item of the table, as plain values, by id. */
  public Map<String, Map<String, Object>> items(String table) {
    Map<String, Map<String, Object>> items = new LinkedHashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page =
          dynamo.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        items.put(item.get("id").s(), exact(PlainValues.fromItem(item)));
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return items;
  }

  /**
   * An item with every number as its exact decimal text, so that 7 read back as a long and 7 sent
   * as an int compare equal, and a digit lost does not.
   */
  private static Map<String, Object> exact(Map<String, Object> item) {
    Map<String, Object> exact = new LinkedHashMap<>();
    item.forEach(
        (name, value) ->
            exact.put(
                name,
                value instanceof Number number
                    ? new java.math.BigDecimal(number.toString()).toPlainString()
                    : value));
    return exact;
  }

  /** The API's items as the table should hold them. */
  public static Map<String, Map<String, Object>> expected(FakeApi api) {
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    for (Map<String, Object> item : new ArrayList<>(api.items())) {
      expected.put((String) item.get("id"), exact(item));
    }
    return expected;
  }
}
