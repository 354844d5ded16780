package io.brmh.platform.cache;

import io.brmh.platform.dynamodb.InternalTables;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cache configurations in DynamoDB. Reads every page of the table (the original read only the
 * first).
 */
@Singleton
public class CacheConfigRepository {
  private static final Logger LOG = LoggerFactory.getLogger(CacheConfigRepository.class);

  private final DynamoDbClient dynamo;
  private final CacheConfigsTable table;
  private final InternalTables internal;
  private final CacheConfigVersion version;

  CacheConfigRepository(
      DynamoDbClient dynamo,
      CacheConfigsTable table,
      InternalTables internal,
      CacheConfigVersion version) {
    this.version = version;
    this.dynamo = dynamo;
    this.table = table;
    this.internal = internal;
  }

  public List<CacheConfig> findAll() {
    return dynamo
        .scanPaginator(request -> request.tableName(table.name()).consistentRead(true))
        .items()
        .stream()
        .map(CacheConfigRepository::fromItem)
        .toList();
  }

  /**
   * The configurations workers serve: active ones of tables that are not BRMH's own (one made
   * before internal tables were refused stays listed, but nothing copies its table any more).
   */
  public List<CacheConfig> findActive() {
    return findAll().stream()
        .filter(config -> config.isActive() && !internal.isInternal(config.tableName()))
        .toList();
  }

  public List<CacheConfig> findActive(String tableName) {
    return findActive().stream().filter(config -> config.tableName().equals(tableName)).toList();
  }

  public Optional<CacheConfig> find(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table.name())
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  /**
   * Writes a configuration, then moves the {@link CacheConfigVersion} so that workers read it
   * before their next change.
   */
  public void save(CacheConfig config) {
    dynamo.putItem(request -> request.tableName(table.name()).item(toItem(config)));
    announceChange();
  }

  public boolean delete(String id) {
    var response =
        dynamo.deleteItem(
            request ->
                request
                    .tableName(table.name())
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .returnValues("ALL_OLD"));
    announceChange();
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  /**
   * The write is done whatever happens here: a counter Redis refused is logged, and holders see the
   * change at their next full refresh ({@link CacheConfigRefresh#fullRefresh()}).
   */
  private void announceChange() {
    try {
      version.bump();
    } catch (RuntimeException redisDown) {
      LOG.warn(
          "A cache configuration changed but Redis did not take the version counter; workers see it at their next full refresh: {}",
          redisDown.toString());
    }
  }

  private static Map<String, AttributeValue> toItem(CacheConfig config) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(config.id()));
    item.put("tableName", AttributeValue.fromS(config.tableName()));
    item.put("project", AttributeValue.fromS(config.project()));
    item.put("itemsPerKey", AttributeValue.fromN(Integer.toString(config.itemsPerKey())));
    item.put("timeToLive", AttributeValue.fromN(Long.toString(config.timeToLive())));
    item.put("status", AttributeValue.fromS(config.status()));
    if (config.methodId() != null) {
      item.put("methodId", AttributeValue.fromS(config.methodId()));
    }
    if (config.accountId() != null) {
      item.put("accountId", AttributeValue.fromS(config.accountId()));
    }
    item.put("createdAt", AttributeValue.fromS(config.createdAt()));
    item.put("updatedAt", AttributeValue.fromS(config.updatedAt()));
    return item;
  }

  /**
   * Rows written by the original UI may lack fields or carry numbers as strings; read them
   * leniently.
   */
  private static CacheConfig fromItem(Map<String, AttributeValue> item) {
    return new CacheConfig(
        text(item, "id", ""),
        text(item, "tableName", ""),
        text(item, "project", "default"),
        (int) number(item, "itemsPerKey", 1),
        number(item, "timeToLive", 0),
        text(item, "status", CacheConfig.INACTIVE),
        text(item, "methodId", null),
        text(item, "accountId", null),
        text(item, "createdAt", ""),
        text(item, "updatedAt", ""));
  }

  private static String text(Map<String, AttributeValue> item, String name, String fallback) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null || value.s().isEmpty() ? fallback : value.s();
  }

  private static long number(Map<String, AttributeValue> item, String name, long fallback) {
    AttributeValue value = item.get(name);
    String text = value == null ? null : value.n() != null ? value.n() : value.s();
    try {
      return text == null ? fallback : (long) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
