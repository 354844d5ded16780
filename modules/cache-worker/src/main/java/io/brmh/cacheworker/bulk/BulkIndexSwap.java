package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.store.CacheEraser;
import io.brmh.platform.cache.CacheKeys;
import java.util.Collection;
import java.util.Set;
import org.redisson.api.RKeys;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Ends a bulk load: what the table no longer holds leaves the cache (the original kept deleted
 * items for ever), the indexes built by the load replace the live ones, and keys of the other
 * strategy, from an earlier configuration, are removed.
 */
final class BulkIndexSwap {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final String jobId;
  private final CacheEraser eraser;

  BulkIndexSwap(RedissonClient redis, CacheKeys keys, String jobId) {
    this.redis = redis;
    this.keys = keys;
    this.jobId = jobId;
    this.eraser = new CacheEraser(redis, keys);
  }

  /**
   * Whether this cache was loaded or changed before (its live index exists). When it was not, no
   * key of it can hold a value yet, and a load writes without reading first.
   */
  boolean liveCacheExists(boolean chunkMode) {
    return redis.getKeys().countExists(chunkMode ? keys.chunkIndex() : keys.itemIndex()) > 0;
  }

  void completeItemMode() {
    Set<String> gone = redis.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).readDiff(keys.staging(keys.itemIndex(), jobId));
    eraser.delete(gone.stream().map(keys::item).toList());
    replace(keys.staging(keys.itemIndex(), jobId), keys.itemIndex());
    eraser.eraseChunkMode();
  }

  void completeChunkMode(long chunkCount) {
    Collection<String> beyond = redis.<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
        .valueRange(chunkCount, true, Double.POSITIVE_INFINITY, true);
    eraser.delete(beyond.stream().map(n -> keys.chunk(Long.parseLong(n))).toList());
    replace(keys.staging(keys.chunkIndex(), jobId), keys.chunkIndex());
    replace(keys.staging(keys.chunkOfItem(), jobId), keys.chunkOfItem());
    eraser.eraseItemMode();
  }

  /** Drops what a load that will not complete has built. */
  void discardStaging() {
    redis.getKeys().delete(keys.staging(keys.itemIndex(), jobId), keys.staging(keys.chunkIndex(), jobId),
        keys.staging(keys.chunkOfItem(), jobId));
  }

  private void replace(String staging, String live) {
    RKeys redisKeys = redis.getKeys();
    if (redisKeys.countExists(staging) > 0) {
      redisKeys.rename(staging, live);
    } else {
      redisKeys.delete(live);
    }
  }
}
