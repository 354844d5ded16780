package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import io.brmh.platform.json.ExactJson;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads one cached table through its indexes, never by scanning the keyspace. Keys come in the
 * original's order: item keys first, by en-US collation (close to JavaScript's localeCompare), then
 * chunks by number. Both indexes are sorted sets kept in that order by the writers ({@link
 * ItemOrder}), so a page costs O(log N + page) and a count O(1).
 */
@Singleton
class CacheReader {
  /** Keys a pattern read looks at, at most: about the 50 MB answer limit at 500 bytes a key. */
  static final int MAX_KEYS_EXAMINED = 100_000;

  private static final int KEYS_PER_PATTERN_PAGE = 1000;

  private final RedissonClient redis;
  private final LegacyItemOrder legacy;

  CacheReader(RedissonClient redis) {
    this.redis = redis;
    this.legacy = new LegacyItemOrder(redis);
  }

  /** One page of a table's keys, as full Redis keys, and how many keys the table's cache has. */
  record KeyPage(List<String> keys, long totalKeys) {}

  /** The keys a pattern read found, and whether it looked at every key of the table. */
  record Matches(List<String> keys, long keysExamined, boolean complete) {}

  /** Keys {@code offset} to {@code offset + limit - 1} of the table's cache, in order. */
  KeyPage page(CacheKeys keys, long offset, int limit) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScoredSortedSetAsync<String> itemIndex =
        batch.getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE);
    RFuture<Integer> itemCount = itemIndex.sizeAsync();
    RFuture<Integer> chunkCount =
        batch.getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE).sizeAsync();
    RFuture<Collection<String>> itemMembers =
        itemIndex.valueRangeAsync(rank(offset), rank(offset + limit - 1));
    RFuture<Boolean> legacyExists =
        batch.getSet(keys.legacyItemSet(), StringCodec.INSTANCE).isExistsAsync();
    batch.execute();
    int items = itemCount.toCompletableFuture().join();
    int chunks = chunkCount.toCompletableFuture().join();
    if (legacyExists.toCompletableFuture().join()) {
      return legacy.page(keys, offset, limit);
    }
    List<String> page = new ArrayList<>(Math.min(limit, KEYS_PER_PATTERN_PAGE));
    ItemOrder.idsOf(itemMembers.toCompletableFuture().join())
        .forEach(id -> page.add(keys.item(id)));
    long chunksFrom = Math.max(0, offset - items);
    long chunksTo = offset + limit - 1 - items;
    if (chunks > 0 && chunksTo >= 0 && chunksFrom < chunks) {
      redis
          .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
          .valueRange(rank(chunksFrom), rank(chunksTo))
          .forEach(n -> page.add(keys.chunk(Long.parseLong(n))));
    }
    return new KeyPage(page, (long) items + chunks);
  }

  /** Every key of the table's cache, in order (the original's key listing; O(N) by its nature). */
  List<String> keys(CacheKeys keys) {
    return page(keys, 0, Integer.MAX_VALUE).keys();
  }

  /**
   * The keys whose part after {@code {project}:{table}:} matches a glob, looking at no more than
   * {@value #MAX_KEYS_EXAMINED} keys in order.
   */
  Matches matching(CacheKeys keys, KeyGlob glob) {
    List<String> matching = new ArrayList<>();
    // A cache of the old format is sorted once for the whole read, not once per page.
    List<String> legacyKeys =
        redis.getSet(keys.legacyItemSet(), StringCodec.INSTANCE).isExists()
            ? legacy.all(keys)
            : null;
    long examined = 0;
    long total;
    do {
      int limit = (int) Math.min(KEYS_PER_PATTERN_PAGE, MAX_KEYS_EXAMINED - examined);
      KeyPage page =
          legacyKeys != null
              ? LegacyItemOrder.slice(legacyKeys, examined, limit)
              : page(keys, examined, limit);
      total = page.totalKeys();
      for (String key : page.keys()) {
        if (glob.matches(key.substring(keys.prefix().length()))) {
          matching.add(key);
        }
      }
      examined += page.keys().size();
      if (page.keys().isEmpty()) {
        break;
      }
    } while (examined < total && examined < MAX_KEYS_EXAMINED);
    return new Matches(matching, examined, examined >= total);
  }

  Optional<String> raw(String fullKey) {
    return Optional.ofNullable(redis.<String>getBucket(fullKey, StringCodec.INSTANCE).get())
        .filter(value -> !value.isEmpty());
  }

  /** The stored text of these keys, in their order; keys that expired meanwhile are left out. */
  Map<String, String> rawValues(List<String> fullKeys) {
    Map<String, String> values = new LinkedHashMap<>();
    if (fullKeys.isEmpty()) {
      return values;
    }
    Map<String, String> stored =
        redis.getBuckets(StringCodec.INSTANCE).get(fullKeys.toArray(String[]::new));
    for (String key : fullKeys) {
      String text = stored.get(key);
      if (text != null && !text.isEmpty()) {
        values.put(key, text);
      }
    }
    return values;
  }

  /** The parsed values of these keys; keys that expired meanwhile are left out. */
  Map<String, Object> values(List<String> fullKeys) {
    Map<String, Object> values = new LinkedHashMap<>();
    rawValues(fullKeys).forEach((key, text) -> values.put(key, parse(text)));
    return values;
  }

  Object parse(String text) {
    try {
      return ExactJson.readPlain(text);
    } catch (IOException notJson) {
      return Map.of(
          "error",
          "Invalid JSON data",
          "rawValue",
          text.substring(0, Math.min(100, text.length())) + "...");
    }
  }

  /** Seconds to live as Redis TTL reports them: -1 without expiry, -2 when the key is gone. */
  long ttlSeconds(String fullKey) {
    long millis = redis.getBucket(fullKey, StringCodec.INSTANCE).remainTimeToLive();
    return millis < 0 ? millis : Math.round(millis / 1000.0);
  }

  /** A rank as Redis takes it; ranks past the end are fine (Redis clips them). */
  private static int rank(long position) {
    return (int) Math.min(Integer.MAX_VALUE, position);
  }
}
