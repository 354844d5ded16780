package io.brmh.streambridge;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemJson;
import io.brmh.platform.testing.IndexedItems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Stream-enabled test tables, and a table and its one-item-per-key cache as item text by id, to
 * compare them.
 */
final class Contents {
  private Contents() {}

  /**
   * Creates a table keyed by string {@code id} whose stream carries new and old images. @return its
   * name
   */
  static String newStreamedTable(DynamoDbClient dynamo, String prefix) {
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
    return table;
  }

  static Map<String, String> table(DynamoDbClient dynamo, String table) {
    Map<String, String> contents = new HashMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> contents.put(item.get("id").s(), ItemJson.write(item)));
    return contents;
  }

  /** Every key the item index names, read 1,000 at a time. */
  static Map<String, String> cache(RedissonClient redis, CacheKeys keys) {
    List<String> ids = new ArrayList<>(IndexedItems.of(redis, keys));
    Map<String, String> contents = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 1000) {
      List<String> some = ids.subList(from, Math.min(ids.size(), from + 1000));
      Map<String, String> values =
          redis
              .getBuckets(StringCodec.INSTANCE)
              .get(some.stream().map(keys::item).toArray(String[]::new));
      some.forEach(id -> contents.put(id, values.get(keys.item(id))));
    }
    return contents;
  }
}
