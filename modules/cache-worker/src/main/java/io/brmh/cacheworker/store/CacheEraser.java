package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Removes cached keys of one project's table, found through its indexes, and the indexes
 * themselves.
 */
public final class CacheEraser {
  private static final int KEYS_PER_DEL = 1000;

  private final RedissonClient redis;
  private final CacheKeys keys;

  public CacheEraser(RedissonClient redis, CacheKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * Removes every item key and the item index (and a legacy unordered one); returns how many keys
   * went.
   */
  public long eraseItemMode() {
    List<String> ids =
        new ArrayList<>(
            ItemOrder.idsOf(
                redis
                    .<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
                    .readAll()));
    ids.addAll(redis.<String>getSet(keys.legacyItemSet(), StringCodec.INSTANCE).readAll());
    long deleted = delete(ids.stream().distinct().map(keys::item).toList());
    redis.getKeys().delete(keys.itemIndex(), keys.legacyItemSet());
    return deleted;
  }

  /** Removes every chunk key and the chunk indexes; returns how many keys went. */
  public long eraseChunkMode() {
    long deleted =
        delete(
            redis
                .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
                .readAll()
                .stream()
                .map(n -> keys.chunk(Long.parseLong(n)))
                .toList());
    redis.getKeys().delete(keys.chunkIndex(), keys.chunkOfItem());
    return deleted;
  }

  /** Removes the whole cache, whatever its strategy, a bulk load's checkpoint and the markers. */
  public long eraseAll() {
    long deleted = eraseItemMode() + eraseChunkMode();
    redis.getKeys().delete(keys.bulkCheckpoint(), keys.bulkRun(), keys.loadedMarker());
    return deleted;
  }

  public long delete(List<String> names) {
    long deleted = 0;
    for (int from = 0; from < names.size(); from += KEYS_PER_DEL) {
      deleted +=
          redis
              .getKeys()
              .delete(
                  names
                      .subList(from, Math.min(names.size(), from + KEYS_PER_DEL))
                      .toArray(String[]::new));
    }
    return deleted;
  }
}
