package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads a cache written before the ordered index existed, whose item ids are an unordered set
 * ({@link CacheKeys#legacyItemSet()}): every read sorts them all, O(N log N), as BRMH did before.
 * Only until the cache worker next touches the table, when it turns the set into the ordered index.
 */
final class LegacyItemOrder {
  private final RedissonClient redis;

  LegacyItemOrder(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * Every key in order: the old set's ids and any the ordered index already holds, then the chunks.
   */
  List<String> all(CacheKeys keys) {
    Collator collator = Collator.getInstance(Locale.US);
    Set<String> ids =
        new HashSet<>(redis.<String>getSet(keys.legacyItemSet(), StringCodec.INSTANCE).readAll());
    ids.addAll(
        ItemOrder.idsOf(
            redis.<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE).readAll()));
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(
        Comparator.<String, String>comparing(id -> id, collator)
            .thenComparing(id -> id.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    List<String> all = new ArrayList<>(sorted.size());
    sorted.forEach(id -> all.add(keys.item(id)));
    redis
        .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
        .readAll()
        .forEach(n -> all.add(keys.chunk(Long.parseLong(n))));
    return all;
  }

  CacheReader.KeyPage page(CacheKeys keys, long offset, int limit) {
    return slice(all(keys), offset, limit);
  }

  static CacheReader.KeyPage slice(List<String> all, long offset, int limit) {
    int from = (int) Math.min(all.size(), offset);
    int to = (int) Math.min(all.size(), offset + limit);
    return new CacheReader.KeyPage(List.copyOf(all.subList(from, to)), all.size());
  }
}
