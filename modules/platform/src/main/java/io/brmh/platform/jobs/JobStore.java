package io.brmh.platform.jobs;

import static io.brmh.platform.jobs.JobsTable.EXPIRES_AT;
import static io.brmh.platform.jobs.JobsTable.ID;
import static io.brmh.platform.jobs.JobsTable.OWNER;
import static io.brmh.platform.jobs.JobsTable.STATUS;
import static io.brmh.platform.jobs.JobsTable.SUBJECT;
import static io.brmh.platform.jobs.JobsTable.TYPE;

import io.brmh.contracts.job.JobStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Jobs in DynamoDB. Every change is a conditional update on the current status, so two writers (a
 * worker finishing, a user cancelling) can never both win, and a terminal job never changes.
 */
@Singleton
class JobStore {
  private final DynamoDbClient dynamo;
  private final JobsTable table;
  private final JobItems items;
  private final PageTokens pageTokens;

  JobStore(DynamoDbClient dynamo, JobsTable table, JobItems items, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = table;
    this.items = items;
    this.pageTokens = pageTokens;
  }

  AttributeValue jsonValue(Object value) {
    return items.jsonValue(value);
  }

  void create(Job job) {
    dynamo.putItem(
        request ->
            request
                .tableName(table.name())
                .item(items.toItem(job))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID)));
  }

  Optional<Job> find(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    if (item == null || item.isEmpty() || isExpired(item)) {
      return Optional.empty();
    }
    return Optional.of(items.fromItem(item));
  }

  /**
   * Sets {@code changes} on the job if its status is one of {@code allowedFrom}.
   *
   * @return the job after the change, or empty when it does not exist or its status did not allow
   *     it
   */
  Optional<Job> update(String id, Set<JobStatus> allowedFrom, Map<String, AttributeValue> changes) {
    Map<String, String> names = new HashMap<>(Map.of("#id", ID, "#status", STATUS));
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> assignments = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, AttributeValue> change : changes.entrySet()) {
      names.put("#a" + n, change.getKey());
      values.put(":a" + n, change.getValue());
      assignments.add("#a" + n + " = :a" + n);
      n++;
    }
    List<String> allowed = new ArrayList<>();
    for (JobStatus status : allowedFrom) {
      values.put(":from" + status.ordinal(), AttributeValue.fromS(status.name()));
      allowed.add(":from" + status.ordinal());
    }
    try {
      Map<String, AttributeValue> after =
          dynamo
              .updateItem(
                  request ->
                      request
                          .tableName(table.name())
                          .key(Map.of(ID, AttributeValue.fromS(id)))
                          .updateExpression("SET " + String.join(", ", assignments))
                          .conditionExpression(
                              "attribute_exists(#id) AND #status IN ("
                                  + String.join(", ", allowed)
                                  + ")")
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return Optional.of(items.fromItem(after));
    } catch (ConditionalCheckFailedException refused) {
      return Optional.empty();
    }
  }

  JobPage list(JobQuery query) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> filters = new ArrayList<>();
    filters.add("(attribute_not_exists(#expires) OR #expires > :now)");
    names.put("#expires", EXPIRES_AT);
    values.put(":now", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond())));
    addFilter(filters, names, values, TYPE, query.type());
    addFilter(
        filters, names, values, STATUS, query.status() == null ? null : query.status().name());
    addFilter(filters, names, values, SUBJECT, query.subject());
    Map<String, AttributeValue> startKey =
        pageTokens.decode(
            query.pageToken(),
            query.owner() != null ? Set.of(ID, OWNER, JobsTable.CREATED_AT) : Set.of(ID));
    if (startKey != null
        && query.owner() != null
        && !query.owner().equals(startKey.get(OWNER).s())) {
      throw PageTokens.invalid(); // another owner's position: not this caller's listing
    }
    try {
      return page(query, names, values, filters, startKey);
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException refused) {
      if (refused.statusCode() == 400) {
        throw PageTokens.invalid();
      }
      throw refused;
    }
  }

  private JobPage page(
      JobQuery query,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      List<String> filters,
      Map<String, AttributeValue> startKey) {

    List<Map<String, AttributeValue>> found;
    Map<String, AttributeValue> lastKey;
    if (query.owner() != null) {
      names.put("#owner", OWNER);
      values.put(":owner", AttributeValue.fromS(query.owner()));
      var response =
          dynamo.query(
              QueryRequest.builder()
                  .tableName(table.name())
                  .indexName(JobsTable.OWNER_INDEX)
                  .keyConditionExpression("#owner = :owner")
                  .scanIndexForward(false)
                  .filterExpression(String.join(" AND ", filters))
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .limit(query.limit())
                  .exclusiveStartKey(startKey)
                  .build());
      found = response.items();
      lastKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
    } else {
      var response =
          dynamo.scan(
              ScanRequest.builder()
                  .tableName(table.name())
                  .filterExpression(String.join(" AND ", filters))
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .limit(query.limit())
                  .exclusiveStartKey(startKey)
                  .build());
      found = response.items();
      lastKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
    }
    return new JobPage(found.stream().map(items::fromItem).toList(), pageTokens.encode(lastKey));
  }

  private static void addFilter(
      List<String> filters,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      String expected) {
    if (expected != null) {
      names.put("#" + attribute, attribute);
      values.put(":" + attribute, AttributeValue.fromS(expected));
      filters.add("#" + attribute + " = :" + attribute);
    }
  }

  private static boolean isExpired(Map<String, AttributeValue> item) {
    AttributeValue expiresAt = item.get(EXPIRES_AT);
    return expiresAt != null && Long.parseLong(expiresAt.n()) <= Instant.now().getEpochSecond();
  }
}
