package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * Writes the keys of one scan page in two round trips: one MGET of what is cached, then one
 * pipeline with only what changed (one MSET when keys do not expire) and the staging indexes of
 * this load (one command each). A key whose cached value is the same text is a duplicate: not
 * written, its items counted as skipped.
 */
final class BulkPageWriter {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final String jobId;
  private final long ttlSeconds;

  BulkPageWriter(RedissonClient redis, CacheKeys keys, String jobId, long ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.jobId = jobId;
    this.ttlSeconds = ttlSeconds;
  }

  void write(List<CacheUnit> units, BulkCounters counters) {
    if (units.isEmpty()) {
      return;
    }
    Map<String, String> cached = redis.getBuckets(StringCodec.INSTANCE).get(units.stream().map(CacheUnit::key).toArray(String[]::new));
    Map<String, String> changed = new LinkedHashMap<>();
    for (CacheUnit unit : units) {
      counters.totalRecords += unit.itemCount();
      if (unit.json().equals(cached.get(unit.key()))) {
        counters.skippedDuplicates += unit.itemCount();
      } else {
        changed.put(unit.key(), unit.json());
      }
    }
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    Map<String, RFuture<Void>> writes = new HashMap<>();
    if (ttlSeconds > 0) {
      changed.forEach((key, json) -> writes.put(key, batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(json, Duration.ofSeconds(ttlSeconds))));
    } else if (!changed.isEmpty()) {
      // Sent beside the pipeline: one MSET for the whole page.
      RFuture<Void> all = redis.getBuckets(StringCodec.INSTANCE).setAsync(changed);
      changed.keySet().forEach(key -> writes.put(key, all));
    }
    index(batch, units);
    executeTolerating(batch);
    writes.values().forEach(write -> write.toCompletableFuture().exceptionally(failed -> null).join());
    changed.keySet().forEach(key -> counters.attempted(key, !writes.get(key).toCompletableFuture().isCompletedExceptionally()));
  }

  /** Records the page's units in the indexes this load builds; they replace the live ones when it completes. */
  private void index(RBatch batch, List<CacheUnit> units) {
    if (units.get(0).isChunk()) {
      Map<String, Double> chunks = new LinkedHashMap<>();
      Map<String, String> chunkOf = new LinkedHashMap<>();
      for (CacheUnit unit : units) {
        String chunk = Long.toString(unit.chunk());
        chunks.put(chunk, (double) unit.chunk());
        unit.itemIds().forEach(id -> chunkOf.put(id, chunk));
      }
      batch.<String>getScoredSortedSet(keys.staging(keys.chunkIndex(), jobId), StringCodec.INSTANCE).addAllAsync(chunks);
      if (!chunkOf.isEmpty()) {
        batch.<String, String>getMap(keys.staging(keys.chunkOfItem(), jobId), StringCodec.INSTANCE).putAllAsync(chunkOf);
      }
    } else {
      List<String> ids = new ArrayList<>(units.size());
      units.forEach(unit -> ids.add(unit.itemIds().get(0)));
      batch.<String>getSet(keys.staging(keys.itemIndex(), jobId), StringCodec.INSTANCE).addAllAsync(ids);
    }
  }

  /** A failed SET counts as a failed write, as in the original; the futures tell which ones failed. */
  private static void executeTolerating(RBatch batch) {
    try {
      batch.execute();
    } catch (RedisException someCommandsFailed) {
      // counted per key by the caller
    }
  }
}
