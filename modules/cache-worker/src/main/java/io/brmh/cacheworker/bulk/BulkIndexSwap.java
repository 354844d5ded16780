package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import java.util.Collection;
import java.util.Set;
import org.redisson.api.RKeys;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RSet;
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

  BulkIndexSwap(RedissonClient redis, CacheKeys keys, String jobId) {
    this.redis = redis;
    this.keys = keys;
    this.jobId = jobId;
  }

  void completeItemMode() {
    RSet<String> live = itemIndex(keys.itemIndex());
    Set<String> gone = live.readDiff(keys.staging(keys.itemIndex(), jobId));
    deleteKeys(gone.stream().map(keys::item).toList());
    replace(keys.staging(keys.itemIndex(), jobId), keys.itemIndex());
    removeChunkMode();
  }

  void completeChunkMode(long chunkCount) {
    RScoredSortedSet<String> live = chunkIndex(keys.chunkIndex());
    Collection<String> beyond = live.valueRange(chunkCount, true, Double.POSITIVE_INFINITY, true);
    deleteKeys(beyond.stream().map(n -> keys.chunk(Long.parseLong(n))).toList());
    replace(keys.staging(keys.chunkIndex(), jobId), keys.chunkIndex());
    replace(keys.staging(keys.chunkOfItem(), jobId), keys.chunkOfItem());
    removeItemMode();
  }

  /** Drops what a load that will not complete has built. */
  void discardStaging() {
    redis.getKeys().delete(keys.staging(keys.itemIndex(), jobId), keys.staging(keys.chunkIndex(), jobId),
        keys.staging(keys.chunkOfItem(), jobId));
  }

  private void removeChunkMode() {
    deleteKeys(chunkIndex(keys.chunkIndex()).readAll().stream().map(n -> keys.chunk(Long.parseLong(n))).toList());
    redis.getKeys().delete(keys.chunkIndex(), keys.chunkOfItem());
  }

  private void removeItemMode() {
    deleteKeys(itemIndex(keys.itemIndex()).readAll().stream().map(keys::item).toList());
    redis.getKeys().delete(keys.itemIndex());
  }

  private void replace(String staging, String live) {
    RKeys redisKeys = redis.getKeys();
    if (redisKeys.countExists(staging) > 0) {
      redisKeys.rename(staging, live);
    } else {
      redisKeys.delete(live);
    }
  }

  private void deleteKeys(java.util.List<String> names) {
    for (int from = 0; from < names.size(); from += 1000) {
      redis.getKeys().delete(names.subList(from, Math.min(names.size(), from + 1000)).toArray(String[]::new));
    }
  }

  private RSet<String> itemIndex(String name) {
    return redis.getSet(name, StringCodec.INSTANCE);
  }

  private RScoredSortedSet<String> chunkIndex(String name) {
    return redis.getScoredSortedSet(name, StringCodec.INSTANCE);
  }
}
