package io.brmh.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Topic;
import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.security.Roles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The cache routes refuse bad input with the field at fault, and queue good input on the table log.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheRoutesIT implements TestPropertyProvider {
  @Inject NamespaceMembers members;
  @Inject NamespaceStore namespaces;

  @Inject
  @Client("/")
  HttpClient httpClient;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;

  private GatewayClient http;
  private String admin;
  private String user;
  private final String table = "routes-" + UUID.randomUUID().toString().substring(0, 8);
  private final String project = "proj" + UUID.randomUUID().toString().substring(0, 6);

  /**
   * An internal table under a name without BRMH's prefix: refused because a managed table has it.
   */
  private final String renamedApiKeysTable =
      "it-api-keys-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        new java.util.HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.auth.api-keys-table", renamedApiKeysTable);
    return properties;
  }

  @BeforeAll
  void setUp() {
    http = new GatewayClient(httpClient.toBlocking());
    admin =
        tokens
            .generateToken(Authentication.build("admin-1", List.of(Roles.ADMIN, Roles.USER)), 3600)
            .orElseThrow();
    user =
        tokens
            .generateToken(Authentication.build("user-1", List.of(Roles.USER)), 3600)
            .orElseThrow();
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    String projectId =
        namespaces.create(project, "admin-1", "admin-1@example.org").orElseThrow().id();
    members.grant(
        projectId,
        new NamespaceMember(
            "user-1",
            "user-1@example.org",
            NamespaceRole.EDITOR,
            "admin-1",
            java.time.Instant.now()));
    HttpResponse<String> created =
        post(
            "/cache/configs",
            admin,
            Map.of("tableName", table, "project", project, "itemsPerKey", 10, "timeToLive", 600));
    assertThat(created.code()).as(GatewayClient.body(created)).isEqualTo(201);
  }

  @Test
  void badBulkRequestsAre4xxProblemsNamingTheFieldAndNothingReachesRedis() {
    assertField(
        post("/cache/table", user, Map.of("project", "a*", "table", table)), 400, "project");
    assertField(
        post("/cache/table", user, Map.of("project", project, "table", "t?ble")), 400, "table");
    assertField(
        post("/cache/table", user, Map.of("project", project, "table", table, "recordsPerKey", -1)),
        400,
        "recordsPerKey");
    assertField(
        post(
            "/cache/table",
            user,
            Map.of("project", project, "table", table, "recordsPerKey", 1_000_000)),
        400,
        "recordsPerKey");
    assertField(
        post("/cache/table", user, Map.of("project", project, "table", table, "ttl", -5)),
        400,
        "ttl");
    assertField(
        post("/cache/table", user, Map.of("project", project, "table", "no-such-table")),
        404,
        "table");
    assertField(
        post("/cache/table", user, Map.of("project", project, "table", table, "recordsPerKey", 3)),
        409,
        "recordsPerKey");
    assertThat(
            problem(post("/cache/table", admin, Map.of("project", "other", "table", table)))
                .get("status"))
        .isEqualTo(404);
    assertThat(
            problem(post("/cache/table", user, Map.of("project", "other", "table", table)))
                .get("status"))
        .as("not its namespace")
        .isEqualTo(403);
    HttpResponse<String> malformed =
        http.send(
            HttpRequest.POST("/cache/table", "{\"project\":")
                .contentType("application/json")
                .bearerAuth(user));
    assertThat(malformed.code()).isEqualTo(400);
    assertThat(malformed.getContentType().map(Object::toString))
        .hasValue("application/problem+json");

    assertThat(redis.getKeys().getKeysStreamByPattern("*" + project + "*").count()).isZero();
  }

  @Test
  void goodBulkRequestIs202WithAJobAndARequestOnTheTablesPartition() {
    HttpResponse<String> response =
        post("/cache/table", user, Map.of("project", project, "table", table));

    assertThat(response.code()).isEqualTo(202);
    Map<String, Object> job = jsonOf(response);
    assertThat(job)
        .containsEntry("type", "cache.table")
        .containsEntry("subject", "cache:" + project + ":" + table)
        .containsEntry("owner", "user-1");
    ConsumerRecord<String, byte[]> queued =
        readTableLog(
            record ->
                table.equals(record.key())
                    && new String(
                            record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                        .equals("brmh.cache.table-requested.v1"));
    assertThat(new String(queued.value(), StandardCharsets.UTF_8))
        .contains("\"recordsPerKey\":10")
        .contains("\"ttlSeconds\":600")
        .contains(job.get("id").toString());
  }

  @Test
  void badChangesAre400ProblemsNamingTheField() {
    assertField(
        post(
            "/cache-data",
            admin,
            Map.of("type", "UPSERT", "tableName", table, "newItem", Map.of("id", "a"))),
        400,
        "type");
    assertField(
        post("/cache-data", admin, Map.of("type", "INSERT", "tableName", table)), 400, "newItem");
    assertField(
        post("/cache-data", admin, Map.of("type", "REMOVE", "tableName", table)), 400, "oldItem");
    assertField(
        post("/cache/update", admin, Map.of("type", "INSERT", "newItem", Map.of("id", "a"))),
        400,
        "tableName");
    assertField(
        post(
            "/cache/update",
            admin,
            Map.of("type", "INSERT", "tableName", "missing-table", "newItem", Map.of("id", "a"))),
        404,
        "tableName");
    assertField(
        post(
            "/cache/update",
            admin,
            Map.of("type", "INSERT", "tableName", table, "newItem", Map.of("name", "no id"))),
        400,
        "newItem");
  }

  @Test
  void dynamoDbJsonChangeIsQueuedAsAPlainChangeEvent() {
    Map<String, Object> newItem =
        Map.of(
            "id",
            Map.of("S", "order-7"),
            "total",
            Map.of("N", "10.50"),
            "paid",
            Map.of("BOOL", true));
    HttpResponse<String> response =
        post(
            "/cache/update",
            admin,
            Map.of("type", "INSERT", "tableName", table, "newItem", newItem));

    assertThat(response.code()).isEqualTo(202);
    String eventId = (String) jsonOf(response).get("eventId");
    ConsumerRecord<String, byte[]> queued =
        readTableLog(
            record ->
                eventId.equals(
                    new String(
                        record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
    assertThat(queued.key()).isEqualTo(table);
    assertThat(new String(queued.value(), StandardCharsets.UTF_8))
        .contains("\"total\":10.5")
        .contains("\"paid\":true")
        .contains("\"keys\":{\"id\":\"order-7\"}");
  }

  @Test
  void numbersInBothBodyFormsReachTheTableLogWithEveryDigit() {
    String plain =
        "{\"type\":\"INSERT\",\"tableName\":\""
            + table
            + "\",\"newItem\":{\"id\":\"exact-1\","
            + "\"price\":0.1000000000000000055511151231257827,\"big\":17303261256590089746.68,\"tiny\":-1.5E-125}}";
    String dynamoJson =
        "{\"type\":\"INSERT\",\"tableName\":\""
            + table
            + "\",\"newItem\":{\"id\":{\"S\":\"exact-2\"},"
            + "\"price\":{\"N\":\"0.1000000000000000055511151231257827\"},\"set\":{\"NS\":[\"17303261256590089746.68\",\"2.50\"]}}}";

    for (String body : List.of(plain, dynamoJson)) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.POST("/cache-data", body)
                  .contentType("application/json")
                  .bearerAuth(admin));
      assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(202);
      String eventId = (String) jsonOf(response).get("eventId");
      String queued =
          new String(
              readTableLog(
                      record ->
                          eventId.equals(
                              new String(
                                  record.headers().lastHeader("ce_id").value(),
                                  StandardCharsets.UTF_8)))
                  .value(),
              StandardCharsets.UTF_8);
      assertThat(queued)
          .contains("0.1000000000000000055511151231257827")
          .contains("17303261256590089746.68");
    }
  }

  @Test
  void aChangeBodyThatIsNotOneJsonObjectOrHoldsANumberDynamoDbCannotIsA400() {
    String trailing =
        "{\"type\":\"INSERT\",\"tableName\":\"" + table + "\",\"newItem\":{\"id\":\"a\"}}xyz";
    assertField(
        http.send(
            HttpRequest.POST("/cache-data", trailing)
                .contentType("application/json")
                .bearerAuth(admin)),
        400,
        "body");
    assertField(
        http.send(
            HttpRequest.POST("/cache/update", "[1]")
                .contentType("application/json")
                .bearerAuth(admin)),
        400,
        "body");
    String hugeNumber =
        "{\"type\":\"INSERT\",\"tableName\":\""
            + table
            + "\",\"newItem\":{\"id\":\"a\",\"n\":1e999999999}}";
    assertField(
        http.send(
            HttpRequest.POST("/cache-data", hugeNumber)
                .contentType("application/json")
                .bearerAuth(admin)),
        400,
        "newItem");
  }

  @Test
  void brmhsOwnTablesAreNeverCachedWhateverTheCallersRole() {
    for (String internal :
        List.of(
            "brmh-users",
            "brmh-api-keys",
            "brmh-refresh-tokens",
            "brmh-signing-keys",
            "brmh-jobs",
            "brmh-cache",
            "brmh-stream-checkpoints",
            "brmh-namespace-members",
            "brmh-identities",
            "brmh-verification-codes",
            renamedApiKeysTable)) {
      assertField(
          post("/cache/configs", admin, Map.of("tableName", internal, "project", project)),
          403,
          "tableName");
      assertField(
          post("/cache/table", admin, Map.of("project", project, "table", internal)), 403, "table");
      assertField(
          post(
              "/cache-data",
              admin,
              Map.of("type", "INSERT", "tableName", internal, "newItem", Map.of("email", "x"))),
          403,
          "tableName");
    }
  }

  @Test
  void onlyAdminsClearACacheAndTheClearIsQueuedOnTheTablesPartition() {
    assertThat(
            http.send(
                    HttpRequest.DELETE("/cache?project=" + project + "&table=" + table)
                        .bearerAuth(user))
                .code())
        .isEqualTo(403);
    assertField(
        http.send(HttpRequest.DELETE("/cache?project=a*&table=" + table).bearerAuth(admin)),
        400,
        "project");

    HttpResponse<String> accepted =
        http.send(
            HttpRequest.DELETE("/cache?project=" + project + "&table=" + table).bearerAuth(admin));

    assertThat(accepted.code()).isEqualTo(202);
    String jobId = (String) jsonOf(accepted).get("id");
    ConsumerRecord<String, byte[]> queued =
        readTableLog(
            record ->
                table.equals(record.key())
                    && new String(
                            record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                        .equals("brmh.cache.clear-requested.v1"));
    assertThat(new String(queued.value(), StandardCharsets.UTF_8)).contains(jobId);
  }

  @Test
  void onlyAdminsManageCacheConfigurations() {
    assertThat(http.send(HttpRequest.GET("/cache/configs").bearerAuth(user)).code()).isEqualTo(403);
    assertField(
        post("/cache/configs", admin, Map.of("tableName", table, "project", "bad:project")),
        400,
        "project");
    assertField(
        post(
            "/cache/configs",
            admin,
            Map.of("tableName", table, "project", project, "itemsPerKey", 0)),
        400,
        "itemsPerKey");
    assertField(
        post("/cache/configs", admin, Map.of("tableName", "no-such-table", "project", project)),
        404,
        "tableName");
    assertThat(http.send(HttpRequest.GET("/cache/configs").bearerAuth(admin)).code())
        .isEqualTo(200);
  }

  private HttpResponse<String> post(String path, String token, Map<String, ?> body) {
    return http.send(HttpRequest.POST(path, body).bearerAuth(token));
  }

  @SuppressWarnings("unchecked")
  private void assertField(HttpResponse<String> response, int status, String field) {
    assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(status);
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem(response).get("errors");
    assertThat(errors)
        .as(GatewayClient.body(response))
        .isNotNull()
        .extracting(error -> error.get("field"))
        .contains(field);
  }

  private Map<String, Object> problem(HttpResponse<String> response) {
    return jsonOf(response);
  }

  private Map<String, Object> jsonOf(HttpResponse<String> response) {
    try {
      return json.readValue(
          GatewayClient.body(response), Argument.mapOf(String.class, Object.class));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ConsumerRecord<String, byte[]> readTableLog(
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted) {
    var config =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedDevstack.endpoints().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "routes-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topic.TABLE_LOG.topicName()));
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (wanted.test(record)) {
                            found.add(record);
                          }
                        });
                return !found.isEmpty();
              });
      return found.get(0);
    }
  }
}
