package io.brmh.platform.jobs;

import static io.brmh.platform.jobs.JobsTable.EXPIRES_AT;
import static io.brmh.platform.jobs.JobsTable.ID;
import static io.brmh.platform.jobs.JobsTable.OWNER;
import static io.brmh.platform.jobs.JobsTable.STATUS;
import static io.brmh.platform.jobs.JobsTable.SUBJECT;
import static io.brmh.platform.jobs.JobsTable.TYPE;

import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.dynamodb.PageTokens;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Jobs in DynamoDB. Every change is a conditional update on the current status, so two writers (a
 * worker finishing, a user cancelling) can never both win, and a terminal job never changes.
 */
@Singleton
class JobStore {
  /** The most calls one page makes before it answers what it found (and where to go on). */
  private static final int CALLS_PER_PAGE = 10;

  /** Jobs examined per call (at least a page's worth): a filter is applied after the read. */
  private static final int EXAMINED_PER_CALL = 500;

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

  /** One attribute of the job's item as text, read consistently; empty when it has none. */
  Optional<String> text(String id, String attribute) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .projectionExpression("#a")
                        .expressionAttributeNames(Map.of("#a", attribute))
                        .consistentRead(true))
            .item();
    return item == null || !item.containsKey(attribute)
        ? Optional.empty()
        : Optional.ofNullable(item.get(attribute).s());
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
    String update = "SET " + String.join(", ", assignments);
    AttributeValue newStatus = changes.get(STATUS);
    if (newStatus != null && JobStatus.valueOf(newStatus.s()).isTerminal()) {
      names.put("#open", JobsTable.OPEN);
      update += " REMOVE #open"; // out of the open-jobs index
    }
    String expression = update;
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
                          .updateExpression(expression)
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
            query.owner() != null
                ? Set.of(ID, OWNER, JobsTable.CREATED_AT)
                : opensOnly(query) ? Set.of(ID, JobsTable.OPEN, JobsTable.CREATED_AT) : Set.of(ID));
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
    String filter = String.join(" AND ", filters);
    if (query.owner() != null) {
      names.put("#owner", OWNER);
      values.put(":owner", AttributeValue.fromS(query.owner()));
      return fullPage(
          query.limit(),
          startKey,
          (from, limit) ->
              read(
                  dynamo.query(
                      indexQuery(JobsTable.OWNER_INDEX, "#owner = :owner", filter, names, values)
                          .limit(limit)
                          .exclusiveStartKey(from)
                          .build())),
          item -> keyOf(item, OWNER));
    }
    if (opensOnly(query)) {
      names.put("#open", JobsTable.OPEN);
      values.put(":open", AttributeValue.fromS(JobsTable.OPEN_VALUE));
      return fullPage(
          query.limit(),
          startKey,
          (from, limit) ->
              read(
                  dynamo.query(
                      indexQuery(JobsTable.OPEN_INDEX, "#open = :open", filter, names, values)
                          .limit(limit)
                          .exclusiveStartKey(from)
                          .build())),
          item -> keyOf(item, JobsTable.OPEN));
    }
    return fullPage(
        query.limit(),
        startKey,
        (from, limit) ->
            read(
                dynamo.scan(
                    ScanRequest.builder()
                        .tableName(table.name())
                        .filterExpression(filter)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .limit(limit)
                        .exclusiveStartKey(from)
                        .build())),
        item -> Map.of(ID, item.get(ID)));
  }

  private QueryRequest.Builder indexQuery(
      String index,
      String keyCondition,
      String filter,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return QueryRequest.builder()
        .tableName(table.name())
        .indexName(index)
        .keyConditionExpression(keyCondition)
        .scanIndexForward(false)
        .filterExpression(filter)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values);
  }

  /** Everyone's open jobs come from the open-jobs index: what it costs is the open jobs alone. */
  private static boolean opensOnly(JobQuery query) {
    return query.owner() == null && query.status() != null && !query.status().isTerminal();
  }

  /** One call's matching items and where it stopped (empty when nothing is left). */
  private record Read(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> last) {}

  private static Read read(QueryResponse response) {
    return new Read(
        response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of());
  }

  private static Read read(ScanResponse response) {
    return new Read(
        response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of());
  }

  /**
   * Reads on until the page is full (or {@link #CALLS_PER_PAGE} calls were made), so that a filter
   * matching few jobs does not answer empty pages; the next page starts after the last job
   * returned, or where the last call stopped.
   *
   * @param keyOf an item's key in what is read (the table's, or an index's)
   */
  private JobPage fullPage(
      int limit,
      Map<String, AttributeValue> startKey,
      BiFunction<Map<String, AttributeValue>, Integer, Read> read,
      Function<Map<String, AttributeValue>, Map<String, AttributeValue>> keyOf) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, AttributeValue> from = startKey;
    for (int call = 0; call < CALLS_PER_PAGE; call++) {
      Read response = read.apply(from, Math.max(limit, EXAMINED_PER_CALL));
      for (Map<String, AttributeValue> item : response.items()) {
        if (found.size() == limit) {
          return new JobPage(toJobs(found), pageTokens.encode(keyOf.apply(found.get(limit - 1))));
        }
        found.add(item);
      }
      if (response.last().isEmpty()) {
        return new JobPage(toJobs(found), null);
      }
      from = response.last();
      if (found.size() == limit) {
        break;
      }
    }
    return new JobPage(toJobs(found), pageTokens.encode(from));
  }

  /** An index item's key: the table's and the index's attributes. */
  private static Map<String, AttributeValue> keyOf(
      Map<String, AttributeValue> item, String indexHashKey) {
    return Map.of(
        ID,
        item.get(ID),
        indexHashKey,
        item.get(indexHashKey),
        JobsTable.CREATED_AT,
        item.get(JobsTable.CREATED_AT));
  }

  private List<Job> toJobs(List<Map<String, AttributeValue>> found) {
    return found.stream().map(items::fromItem).toList();
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
