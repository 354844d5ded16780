package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.dynamodb.BatchWrites;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batches whose writes DynamoDB hands back unprocessed, as it does when throttled: a DynamoDB Local
 * that takes only part of each call still ends with every item in the table, and one that takes
 * nothing ends in 503 with nothing reported written that was not.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchWritesIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;

  private String table;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void createTable() {
    table = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build()));
  }

  @Test
  void writesHandedBackUnprocessedAreSentAgainUntilEveryItemIsInTheTable() {
    AtomicInteger calls = new AtomicInteger();
    BatchWrites batches = new BatchWrites(request -> takeHalf(request, calls));
    List<WriteRequest> writes = puts("half", 60);

    BatchWrites.Outcome outcome = batches.write(table, writes);

    assertThat(outcome.written()).isEqualTo(60);
    assertThat(outcome.resent()).isGreaterThan(0);
    assertThat(calls.get()).isGreaterThan(3);
    for (int i = 0; i < 60; i++) {
      String id = "half-" + i;
      assertThat(
              dynamo
                  .getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))))
                  .item())
          .as(id)
          .containsEntry("n", AttributeValue.fromN(String.valueOf(i)));
    }
  }

  @Test
  void aBatchDynamoDbNeverTakesEndsIn503NamingWhatIsInTheTable() {
    AtomicInteger calls = new AtomicInteger();
    BatchWrites batches =
        new BatchWrites(
            request ->
                calls.getAndIncrement() == 0
                    ? dynamo.batchWriteItem(request)
                    : BatchWriteItemResponse.builder()
                        .unprocessedItems(request.requestItems())
                        .build());

    assertThatThrownBy(() -> batches.write(table, puts("refused", 30)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            refused -> {
              assertThat(refused.status().getCode()).isEqualTo(503);
              assertThat(refused.getMessage()).contains("25 writes are in the table");
            });
    assertThat(calls.get()).isEqualTo(1 + BatchWrites.ATTEMPTS);
    assertThat(
            dynamo
                .getItem(
                    b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("refused-25"))))
                .item())
        .isEmpty();
  }

  @Test
  void aBatchRefusedAfterOthersWereTakenSaysHowManyAreInTheTable() {
    AtomicInteger calls = new AtomicInteger();
    BatchWrites batches =
        new BatchWrites(
            request -> {
              if (calls.getAndIncrement() == 0) {
                return dynamo.batchWriteItem(request);
              }
              throw (DynamoDbException)
                  DynamoDbException.builder()
                      .statusCode(400)
                      .awsErrorDetails(
                          AwsErrorDetails.builder()
                              .errorCode("ValidationException")
                              .errorMessage("Item size has exceeded the maximum allowed size")
                              .build())
                      .build();
            });

    assertThatThrownBy(() -> batches.write(table, puts("partly", 30)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            refused -> {
              assertThat(refused.status().getCode()).isEqualTo(400);
              assertThat(refused.getMessage())
                  .contains("25 of 30 writes are in the table")
                  .contains("Item size has exceeded");
            });
    assertThat(
            dynamo
                .getItem(
                    b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("partly-24"))))
                .item())
        .isNotEmpty();
  }

  /** Sends the first half of the call's writes to DynamoDB and hands the rest back. */
  private BatchWriteItemResponse takeHalf(BatchWriteItemRequest request, AtomicInteger calls) {
    calls.incrementAndGet();
    List<WriteRequest> writes = request.requestItems().get(table);
    int taken = Math.max(1, writes.size() / 2);
    BatchWriteItemResponse answer =
        dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes.subList(0, taken))));
    List<WriteRequest> left =
        new ArrayList<>(answer.unprocessedItems().getOrDefault(table, List.of()));
    left.addAll(writes.subList(taken, writes.size()));
    return BatchWriteItemResponse.builder()
        .unprocessedItems(left.isEmpty() ? Map.of() : Map.of(table, left))
        .build();
  }

  private static List<WriteRequest> puts(String prefix, int count) {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      writes.add(
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder()
                      .item(
                          Map.of(
                              "id",
                              AttributeValue.fromS(prefix + "-" + i),
                              "n",
                              AttributeValue.fromN(String.valueOf(i))))
                      .build())
              .build());
    }
    return writes;
  }
}
