package io.brmh.streambridge;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A table and its one-item-per-key cache, each as item text by id, to compare them. */
final class Contents {
  private Contents() {}

  static Map<String, String> table(DynamoDbClient dynamo, String table) {
    Map<String, String> contents = new HashMap<>();
    dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
        .forEach(item -> contents.put(item.get("id").s(), ItemJson.write(item)));
    return contents;
  }

  /** Every key the item index names, read 1,000 at a time. */
  static Map<String, String> cache(RedissonClient redis, CacheKeys keys) {
    List<String> ids = new ArrayList<>(redis.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).readAll());
    Map<String, String> contents = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 1000) {
      List<String> some = ids.subList(from, Math.min(ids.size(), from + 1000));
      Map<String, String> values = redis.getBuckets(StringCodec.INSTANCE).get(some.stream().map(keys::item).toArray(String[]::new));
      some.forEach(id -> contents.put(id, values.get(keys.item(id))));
    }
    return contents;
  }
}
