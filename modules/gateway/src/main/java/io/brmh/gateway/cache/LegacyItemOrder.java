package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

  CacheReader.KeyPage page(CacheKeys keys, long offset, int limit, int chunks) {
    Collator collator = Collator.getInstance(Locale.US);
    List<String> ids =
        new ArrayList<>(redis.<String>getSet(keys.legacyItemSet(), StringCodec.INSTANCE).readAll());
    ids.sort(
        Comparator.<String, String>comparing(id -> id, collator)
            .thenComparing(id -> id.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    List<String> all = new ArrayList<>(ids.size() + chunks);
    ids.forEach(id -> all.add(keys.item(id)));
    redis
        .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
        .readAll()
        .forEach(n -> all.add(keys.chunk(Long.parseLong(n))));
    int from = (int) Math.min(all.size(), offset);
    int to = (int) Math.min(all.size(), offset + limit);
    return new CacheReader.KeyPage(List.copyOf(all.subList(from, to)), all.size());
  }
}
