package io.brmh.cacheworker;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.testing.IndexedItems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * What Redis holds for one cached table, read through the key grammar clients use, compared with
 * the table canonically: each item's JSON text as {@link JsJson} writes it.
 */
final class CacheContents {
  private CacheContents() {}

  /** Item keys and the unordered id set, as BRMH wrote a cache before the ordered index. */
  static void writeWithLegacyItemSet(
      RedissonClient redis, CacheKeys keys, Map<String, String> items) {
    items.forEach((id, json) -> redis.getBucket(keys.item(id), StringCodec.INSTANCE).set(json));
    redis.<String>getSet(keys.legacyItemSet(), StringCodec.INSTANCE).addAll(items.keySet());
  }

  /** Item JSON by id in item mode: every key {project}:{table}:{id} the index names. */
  static Map<String, String> items(RedissonClient redis, CacheKeys keys) {
    Map<String, String> items = new HashMap<>();
    Set<String> ids = IndexedItems.of(redis, keys);
    for (String id : ids) {
      items.put(id, redis.<String>getBucket(keys.item(id), StringCodec.INSTANCE).get());
    }
    return items;
  }

  /** The chunks chunk:0, chunk:1, ... as clients read them: until the first missing number. */
  static List<String> chunks(RedissonClient redis, CacheKeys keys) {
    List<String> chunks = new ArrayList<>();
    for (int n = 0; ; n++) {
      String value = redis.<String>getBucket(keys.chunk(n), StringCodec.INSTANCE).get();
      if (value == null) {
        return chunks;
      }
      chunks.add(value);
    }
  }

  static Map<String, String> expectedItems(TestTable table) {
    Map<String, String> expected = new HashMap<>();
    table.contents().forEach((id, item) -> expected.put(id, JsJson.write(item)));
    return expected;
  }
}
