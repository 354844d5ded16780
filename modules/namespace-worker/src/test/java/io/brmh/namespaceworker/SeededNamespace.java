package io.brmh.namespaceworker;

import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Makes namespaces full of things through the platform's stores, and starts namespace jobs on them
 * as the gateway does: the job recorded, the namespace marked, the command on Kafka.
 */
@Singleton
class SeededNamespace {
  static final String OWNER = "owner-1";
  static final String VIEWER = "viewer-1";

  @Inject NamespaceStore namespaces;
  @Inject NamespaceMembers members;
  @Inject NamespaceEntityStore entities;
  @Inject SchemaStore schemas;
  @Inject NamespaceTables tables;
  @Inject CacheConfigRepository caches;
  @Inject AccountCredentials credentials;
  @Inject DynamoDbClient dynamo;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;

  /** What was made. */
  record Seed(
      Namespace namespace,
      List<NamespaceEntity> methods,
      List<NamespaceEntity> accounts,
      List<NamespaceEntity> webhooks,
      List<NamespaceSchema> schemas,
      List<String> tables) {}

  Seed seed(
      int methodCount,
      int schemaCount,
      int accountCount,
      int webhookCount,
      int tableCount,
      int itemsPerTable) {
    String name = "ns-" + UUID.randomUUID().toString().substring(0, 8);
    Namespace namespace = namespaces.create(name, OWNER, "owner@example.com").orElseThrow();
    members.grant(
        namespace.id(),
        new NamespaceMember(
            VIEWER, "viewer@example.com", NamespaceRole.VIEWER, OWNER, Instant.now()));
    Instant now = Instant.now();
    List<NamespaceEntity> methods = new ArrayList<>();
    for (int i = 0; i < methodCount; i++) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("namespace-method-name", "method-" + i);
      data.put("namespace-method-type", "GET");
      data.put("namespace-method-url-override", "https://api.example.com/things/" + i);
      data.put("tags", List.of("t" + i));
      methods.add(entity(EntityKind.METHOD, namespace.id(), data, Map.of(), now));
    }
    List<String> tableNames = new ArrayList<>();
    for (int k = 0; k < tableCount; k++) {
      tableNames.add(NamespaceTables.defaultName(name, "account-" + k, "method-" + k));
    }
    List<NamespaceEntity> accounts = new ArrayList<>();
    for (int i = 0; i < accountCount; i++) {
      String id = UUID.randomUUID().toString();
      String place = "namespace-account-header/Authorization";
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("namespace-account-name", "account-" + i);
      data.put(
          "namespace-account-header",
          List.of(
              Map.of("key", "Authorization", "value", "********", "secret", true),
              Map.of("key", "Accept", "value", "application/json", "secret", false)));
      if (i < tableCount) {
        data.put("tableName", Map.of("method-" + i, tableNames.get(i)));
      }
      Map<String, String> sealed = Map.of(place, credentials.seal(id, place, "Bearer secret-" + i));
      NamespaceEntity account =
          new NamespaceEntity(id, EntityKind.ACCOUNT, namespace.id(), data, sealed, 1, now, now);
      entities.create(account);
      accounts.add(account);
    }
    List<NamespaceEntity> webhooks = new ArrayList<>();
    for (int i = 0; i < webhookCount; i++) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("webhook-name", "hook-" + i);
      data.put("method-id", methods.get(i % methods.size()).id());
      data.put("account-id", accounts.get(i % accounts.size()).id());
      data.put("tableName", tableNames.isEmpty() ? "none" : tableNames.get(i % tableNames.size()));
      data.put("status", "active");
      webhooks.add(entity(EntityKind.WEBHOOK, namespace.id(), data, Map.of(), now));
    }
    List<String> schemaIds = new ArrayList<>();
    for (int i = 0; i < schemaCount; i++) {
      schemaIds.add(UUID.randomUUID().toString());
    }
    List<NamespaceSchema> made = new ArrayList<>();
    for (int i = 0; i < schemaCount; i++) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put(
          "price", Map.of("type", "number", "maximum", new BigDecimal("12345678901234567890.125")));
      properties.put("local", Map.of("$ref", "#/$defs/thing"));
      if (i > 0) {
        properties.put(
            "previous",
            Map.of("$ref", "https://brmh.example/unified/schema/" + schemaIds.get(i - 1)));
        properties.put("first", Map.of("$ref", schemaIds.get(0)));
      }
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      schema.put("properties", properties);
      schema.put("$defs", Map.of("thing", Map.of("type", "string")));
      NamespaceSchema created =
          new NamespaceSchema(
              schemaIds.get(i),
              namespace.id(),
              "schema-" + i,
              methods.get(i % methods.size()).id(),
              "method-" + (i % methods.size()),
              "object",
              schema,
              false,
              null,
              null,
              null,
              null,
              1,
              now,
              now);
      schemas.create(created);
      made.add(created);
    }
    for (int k = 0; k < tableCount; k++) {
      tables.create(
          new NamespaceTables.NamespaceTable(
              tableNames.get(k),
              namespace.id(),
              schemaIds.get(k),
              accounts.get(k).id(),
              "method-" + k,
              null),
          OWNER);
    }
    for (String table : tableNames) {
      dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
      putItems(table, itemsPerTable);
    }
    if (!tableNames.isEmpty()) {
      caches.save(
          new CacheConfig(
              UUID.randomUUID().toString(),
              tableNames.get(0),
              name,
              1,
              0,
              CacheConfig.ACTIVE,
              null,
              null,
              now.toString(),
              now.toString()));
    }
    return new Seed(namespace, methods, accounts, webhooks, made, tableNames);
  }

  private NamespaceEntity entity(
      EntityKind kind,
      String namespaceId,
      Map<String, Object> data,
      Map<String, String> sealed,
      Instant now) {
    NamespaceEntity entity =
        new NamespaceEntity(
            UUID.randomUUID().toString(), kind, namespaceId, data, sealed, 1, now, now);
    entities.create(entity);
    return entity;
  }

  /** Items with exact numbers, sets and nested maps, to copy value by value. */
  private void putItems(String table, int count) {
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("id", AttributeValue.fromS(String.format("item-%05d", i)));
      item.put("amount", AttributeValue.fromN("98765432109876543210.0" + i));
      item.put("labels", AttributeValue.fromSs(List.of("a" + i, "b" + i)));
      item.put(
          "nested",
          AttributeValue.fromM(
              Map.of(
                  "n",
                  AttributeValue.fromN(Integer.toString(i)),
                  "s",
                  AttributeValue.fromS("é\uD83D\uDE00" + i))));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == 25 || i == count - 1) {
        List<WriteRequest> sending = List.copyOf(batch);
        Map<String, List<WriteRequest>> pending = Map.of(table, sending);
        while (!pending.isEmpty()) {
          Map<String, List<WriteRequest>> now = pending;
          pending = dynamo.batchWriteItem(b -> b.requestItems(now)).unprocessedItems();
        }
        batch.clear();
      }
    }
  }

  /** Every item of a table, by id. */
  Map<String, Map<String, AttributeValue>> items(String table) {
    Map<String, Map<String, AttributeValue>> byId = new HashMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> byId.put(item.get("id").s(), item));
    return byId;
  }

  Job duplicate(Namespace source, String copyName, boolean includeSecrets) {
    String jobId = UUID.randomUUID().toString();
    Namespace copy =
        namespaces
            .createCopy(
                UUID.randomUUID().toString(),
                new NamespaceFields(copyName, null, null, null),
                new NamespaceMember(
                    OWNER, "owner@example.com", NamespaceRole.OWNER, OWNER, Instant.now()),
                null,
                jobId)
            .orElseThrow();
    Job job = jobs.accept(jobId, "namespace.duplicate", "namespace:" + source.id(), OWNER);
    publish(
        MessageType.NAMESPACE_DUPLICATE_REQUESTED,
        source.id(),
        jobId,
        new NamespaceDuplicateRequested(
            jobId, source.id(), copy.id(), includeSecrets, true, OWNER));
    return job;
  }

  Job delete(Namespace namespace, boolean deleteTables) {
    String jobId = UUID.randomUUID().toString();
    namespaces.markBusy(namespace.id(), Namespace.DELETING, jobId);
    Job job = jobs.accept(jobId, "namespace.delete", "namespace:" + namespace.id(), OWNER);
    publish(
        MessageType.NAMESPACE_DELETE_REQUESTED,
        namespace.id(),
        jobId,
        new NamespaceDeleteRequested(jobId, namespace.id(), deleteTables, OWNER));
    return job;
  }

  void publish(MessageType type, String key, String jobId, Object payload) {
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(type, "/brmh/test", key).withJobId(jobId), payload))
        .join();
  }

  Job awaitEnd(Job job, Duration atMost) {
    await().atMost(atMost).until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    return jobs.find(job.id()).orElseThrow();
  }

  long progress(Job job) {
    Job now = jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }

  /** Every method, account or webhook of a namespace. */
  List<NamespaceEntity> all(EntityKind kind, String namespaceId) {
    List<NamespaceEntity> found = new ArrayList<>();
    String token = null;
    do {
      NamespaceEntityStore.EntityPage page = entities.list(kind, namespaceId, 100, token);
      found.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }

  /** Every schema of a namespace. */
  List<NamespaceSchema> allSchemas(String namespaceId) {
    List<NamespaceSchema> found = new ArrayList<>();
    String token = null;
    do {
      SchemaStore.SchemaPage page = schemas.list(namespaceId, 100, token);
      found.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }

  boolean tableExists(String table) {
    return tables.exists(table);
  }
}
