package io.brmh.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.security.Roles;
import io.brmh.platform.streams.StreamCheckpointsTable;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code GET /streams} shows the bridge's checkpoints and leases as stored, and lag read from the
 * stream. Admins only.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient httpClient;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject DynamoDbClient dynamo;
  @Inject DynamoDbStreamsClient streams;
  @Inject StreamCheckpointsTable checkpoints;

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @Test
  void adminsSeeEachShardsCheckpointLeaseAndLag() throws Exception {
    String table = "followed-" + UUID.randomUUID();
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    for (int i = 0; i < 3; i++) {
      String id = "item-" + i;
      dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }
    String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    String shardId =
        streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                b ->
                    b.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();
    LockSupport.parkNanos(1_500_000_000L); // the changes after the checkpoint are at least this old
    saveCheckpoint(arn, shardId, records.get(0).dynamodb().sequenceNumber());

    Map<String, Object> shard = shardOf(get("/streams", admin()), arn);
    assertThat(shard)
        .containsEntry("shardId", shardId)
        .containsEntry("checkpoint", records.get(0).dynamodb().sequenceNumber())
        .containsEntry("owner", "bridge-a")
        .containsEntry("closed", false);
    assertThat(((Number) shard.get("lagMs")).longValue()).isGreaterThanOrEqualTo(1_000);

    saveCheckpoint(arn, shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
    assertThat(((Number) shardOf(get("/streams", admin()), arn).get("lagMs")).longValue()).isZero();
  }

  @Test
  void aShardTheBridgeStartedAgainShowsWhyAndACheckpointTheStreamRefusesHasNoLag()
      throws Exception {
    String otherArn =
        streamedTableWithOneItem(
            "other-"); // before: its positions lie before the first of the table's stream
    String arn = streamedTableWithOneItem("refused-");
    String shardId =
        streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String otherShard =
        streams
            .describeStream(b -> b.streamArn(otherArn))
            .streamDescription()
            .shards()
            .get(0)
            .shardId();
    String otherIterator =
        streams
            .getShardIterator(
                b ->
                    b.streamArn(otherArn)
                        .shardId(otherShard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    // Another stream's position, as a restarted DynamoDB Local leaves it: "Invalid SequenceNumber
    // for the shard".
    saveCheckpoint(
        arn,
        shardId,
        streams
            .getRecords(b -> b.shardIterator(otherIterator))
            .records()
            .get(0)
            .dynamodb()
            .sequenceNumber());
    dynamo.updateItem(
        b ->
            b.tableName(checkpoints.name())
                .key(
                    Map.of(
                        StreamCheckpointsTable.STREAM_ARN,
                        AttributeValue.fromS(arn),
                        StreamCheckpointsTable.SHARD_ID,
                        AttributeValue.fromS(shardId)))
                .updateExpression("SET #at = :at, #why = :why")
                .expressionAttributeNames(
                    Map.of(
                        "#at",
                        StreamCheckpointsTable.RESET_AT,
                        "#why",
                        StreamCheckpointsTable.RESET_REASON))
                .expressionAttributeValues(
                    Map.of(
                        ":at",
                        AttributeValue.fromN("1764547200000"),
                        ":why",
                        AttributeValue.fromS("unknown checkpoint"))));

    Map<String, Object> shard = shardOf(get("/streams", admin()), arn);

    assertThat(shard)
        .containsEntry("resetReason", "unknown checkpoint")
        .containsEntry("resetAt", "2025-12-01T00:00:00Z")
        .doesNotContainKey("lagMs");
  }

  @Test
  void othersAreRefused() {
    String user =
        tokens
            .generateToken(Authentication.build("user-1", List.of(Roles.USER)), 3600)
            .orElseThrow();
    assertThat(get("/streams", user).code()).isEqualTo(403);
    HttpResponse<String> anonymous =
        new GatewayClient(httpClient.toBlocking()).send(HttpRequest.GET("/streams"));
    assertThat(anonymous.code()).isEqualTo(401);
    assertThat(anonymous.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
  }

  /**
   * @return the stream ARN of a new table with its stream on and one item written
   */
  private String streamedTableWithOneItem(String prefix) {
    String table = prefix + UUID.randomUUID();
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("a"))));
    return dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
  }

  private void saveCheckpoint(String arn, String shardId, String sequenceNumber) {
    dynamo.putItem(
        b ->
            b.tableName(checkpoints.name())
                .item(
                    Map.of(
                        StreamCheckpointsTable.STREAM_ARN,
                        AttributeValue.fromS(arn),
                        StreamCheckpointsTable.SHARD_ID,
                        AttributeValue.fromS(shardId),
                        StreamCheckpointsTable.SEQUENCE_NUMBER,
                        AttributeValue.fromS(sequenceNumber),
                        StreamCheckpointsTable.CLOSED,
                        AttributeValue.fromBool(false),
                        StreamCheckpointsTable.OWNER,
                        AttributeValue.fromS("bridge-a"))));
    // The owner holds the shard while its heartbeat lives.
    dynamo.putItem(
        b ->
            b.tableName(checkpoints.name())
                .item(
                    Map.of(
                        StreamCheckpointsTable.STREAM_ARN,
                        AttributeValue.fromS(StreamCheckpointsTable.INSTANCES),
                        StreamCheckpointsTable.SHARD_ID,
                        AttributeValue.fromS("bridge-a"),
                        StreamCheckpointsTable.LEASE_UNTIL,
                        AttributeValue.fromN(Long.toString(System.currentTimeMillis() + 60_000)))));
  }

  private String admin() {
    return tokens
        .generateToken(Authentication.build("admin-1", List.of(Roles.ADMIN, Roles.USER)), 3600)
        .orElseThrow();
  }

  private HttpResponse<String> get(String path, String token) {
    return new GatewayClient(httpClient.toBlocking()).send(HttpRequest.GET(path).bearerAuth(token));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> shardOf(HttpResponse<String> response, String arn) throws Exception {
    assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(200);
    List<Map<String, Object>> views =
        json.readValue(
            GatewayClient.body(response),
            Argument.listOf(Argument.mapOf(String.class, Object.class)));
    Map<String, Object> view =
        views.stream()
            .filter(candidate -> arn.equals(candidate.get("streamArn")))
            .findFirst()
            .orElseThrow();
    assertThat(view.get("table")).isEqualTo(arn.split("/")[1]);
    return ((List<Map<String, Object>>) view.get("shards")).get(0);
  }
}
