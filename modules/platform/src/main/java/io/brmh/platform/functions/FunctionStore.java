package io.brmh.platform.functions;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Namespace functions and their versions in {@code brmh-functions} ({@link FunctionsTable}). A
 * version is written once: publishing it again is harmless only for the deploy that published it.
 */
@Singleton
public class FunctionStore {
  private static final String FUNCTION = "fn#";
  private static final String VERSION = "#v#";

  private final DynamoDbClient dynamo;
  private final FunctionsTable table;

  FunctionStore(DynamoDbClient dynamo, FunctionsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** A page of a namespace's functions, by name. */
  public record Page(List<NamespaceFunction> functions, @Nullable String nextCursor) {}

  public void save(NamespaceFunction function) {
    Map<String, AttributeValue> item = key(function.namespaceId(), FUNCTION + function.name());
    item.put("name", AttributeValue.fromS(function.name()));
    item.put("target", AttributeValue.fromS(function.target()));
    if (function.liveVersion() != null) {
      item.put("liveVersion", AttributeValue.fromN(Integer.toString(function.liveVersion())));
    }
    item.put("latestVersion", AttributeValue.fromN(Integer.toString(function.latestVersion())));
    item.put("public", AttributeValue.fromBool(function.isPublic()));
    item.put("createdAt", AttributeValue.fromS(function.createdAt().toString()));
    item.put("updatedAt", AttributeValue.fromS(function.updatedAt().toString()));
    dynamo.putItem(b -> b.tableName(table.name()).item(item));
  }

  public Optional<NamespaceFunction> find(String namespaceId, String name) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(key(namespaceId, FUNCTION + name))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(function(item));
  }

  /**
   * @param after the last name of the previous page, or null for the first
   */
  public Page list(String namespaceId, int limit, @Nullable String after) {
    List<NamespaceFunction> functions = new ArrayList<>();
    Map<String, AttributeValue> start =
        after == null ? null : key(namespaceId, FUNCTION + after + VERSION + "~");
    // Versions sort among the functions (fn#a, fn#a#v#..., fn#b): read on past them.
    while (functions.size() < limit) {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          dynamo.query(
              b ->
                  b.tableName(table.name())
                      .keyConditionExpression("#ns = :ns AND begins_with(#sk, :fn)")
                      .expressionAttributeNames(
                          Map.of("#ns", FunctionsTable.NAMESPACE, "#sk", FunctionsTable.KEY))
                      .expressionAttributeValues(
                          Map.of(
                              ":ns", AttributeValue.fromS(namespaceId),
                              ":fn", AttributeValue.fromS(FUNCTION)))
                      .exclusiveStartKey(from)
                      .consistentRead(true));
      boolean more = false;
      for (Map<String, AttributeValue> item : page.items()) {
        if (item.get(FunctionsTable.KEY).s().contains(VERSION)) {
          continue;
        }
        if (functions.size() < limit) {
          functions.add(function(item));
        } else {
          more = true;
        }
      }
      if (more) {
        break;
      }
      if (page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty()) {
        return new Page(functions, null);
      }
      start = page.lastEvaluatedKey();
    }
    return new Page(functions, functions.get(functions.size() - 1).name());
  }

  /**
   * Writes a version, once.
   *
   * @throws IllegalStateException when another deploy published that version
   */
  public void publish(FunctionVersion version) {
    Map<String, AttributeValue> item =
        key(version.namespaceId(), versionKey(version.name(), version.version()));
    item.put("name", AttributeValue.fromS(version.name()));
    item.put("version", AttributeValue.fromN(Integer.toString(version.version())));
    item.put("artifactKey", AttributeValue.fromS(version.artifact().key()));
    item.put("digest", AttributeValue.fromS(version.artifact().digest()));
    item.put("handler", AttributeValue.fromS(version.handler()));
    item.put("memoryMb", AttributeValue.fromN(Integer.toString(version.memoryMb())));
    item.put("timeoutSeconds", AttributeValue.fromN(Integer.toString(version.timeoutSeconds())));
    item.put("environment", strings(version.environment()));
    item.put("sealedEnvironment", strings(version.sealedEnvironment()));
    item.put("deployJobId", AttributeValue.fromS(version.deployJobId()));
    item.put("createdAt", AttributeValue.fromS(version.createdAt().toString()));
    try {
      dynamo.putItem(
          b ->
              b.tableName(table.name())
                  .item(item)
                  .conditionExpression("attribute_not_exists(#sk) OR deployJobId = :job")
                  .expressionAttributeNames(Map.of("#sk", FunctionsTable.KEY))
                  .expressionAttributeValues(
                      Map.of(":job", AttributeValue.fromS(version.deployJobId()))));
    } catch (ConditionalCheckFailedException taken) {
      throw new IllegalStateException(
          "version "
              + version.version()
              + " of "
              + version.name()
              + " was published by another deploy");
    }
  }

  public Optional<FunctionVersion> version(String namespaceId, String name, int version) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(key(namespaceId, versionKey(name, version)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(version(namespaceId, item));
  }

  /** Every version of the function, oldest first. */
  public List<FunctionVersion> versions(String namespaceId, String name) {
    List<FunctionVersion> versions = new ArrayList<>();
    itemsUnder(namespaceId, FUNCTION + name + VERSION)
        .forEach(item -> versions.add(version(namespaceId, item)));
    return versions;
  }

  /** Removes the function and every version of it; returns how many versions went. */
  public int remove(String namespaceId, String name) {
    List<Map<String, AttributeValue>> versions = itemsUnder(namespaceId, FUNCTION + name + VERSION);
    for (Map<String, AttributeValue> item : versions) {
      dynamo.deleteItem(
          b -> b.tableName(table.name()).key(key(namespaceId, item.get(FunctionsTable.KEY).s())));
    }
    dynamo.deleteItem(b -> b.tableName(table.name()).key(key(namespaceId, FUNCTION + name)));
    return versions.size();
  }

  private List<Map<String, AttributeValue>> itemsUnder(String namespaceId, String prefix) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamo
        .queryPaginator(
            b ->
                b.tableName(table.name())
                    .keyConditionExpression("#ns = :ns AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(
                        Map.of("#ns", FunctionsTable.NAMESPACE, "#sk", FunctionsTable.KEY))
                    .expressionAttributeValues(
                        Map.of(
                            ":ns", AttributeValue.fromS(namespaceId),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .consistentRead(true))
        .items()
        .forEach(items::add);
    return items;
  }

  /** Versions sort by number: six digits, padded. */
  private static String versionKey(String name, int version) {
    return FUNCTION + name + VERSION + String.format("%06d", version);
  }

  private static Map<String, AttributeValue> key(String namespaceId, String sortKey) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FunctionsTable.NAMESPACE, AttributeValue.fromS(namespaceId));
    key.put(FunctionsTable.KEY, AttributeValue.fromS(sortKey));
    return key;
  }

  private static AttributeValue strings(Map<String, String> values) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    values.forEach((name, value) -> map.put(name, AttributeValue.fromS(value)));
    return AttributeValue.fromM(map);
  }

  private static Map<String, String> strings(AttributeValue value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value != null && value.hasM()) {
      value.m().forEach((name, inner) -> map.put(name, inner.s()));
    }
    return map;
  }

  private static NamespaceFunction function(Map<String, AttributeValue> item) {
    return new NamespaceFunction(
        item.get(FunctionsTable.NAMESPACE).s(),
        item.get("name").s(),
        item.get("target").s(),
        item.containsKey("liveVersion") ? Integer.valueOf(item.get("liveVersion").n()) : null,
        Integer.parseInt(item.get("latestVersion").n()),
        Boolean.TRUE.equals(item.get("public").bool()),
        Instant.parse(item.get("createdAt").s()),
        Instant.parse(item.get("updatedAt").s()));
  }

  private static FunctionVersion version(String namespaceId, Map<String, AttributeValue> item) {
    return new FunctionVersion(
        namespaceId,
        item.get("name").s(),
        Integer.parseInt(item.get("version").n()),
        new FunctionArtifacts.Stored(item.get("artifactKey").s(), item.get("digest").s()),
        item.get("handler").s(),
        Integer.parseInt(item.get("memoryMb").n()),
        Integer.parseInt(item.get("timeoutSeconds").n()),
        strings(item.get("environment")),
        strings(item.get("sealedEnvironment")),
        item.get("deployJobId").s(),
        Instant.parse(item.get("createdAt").s()));
  }
}
