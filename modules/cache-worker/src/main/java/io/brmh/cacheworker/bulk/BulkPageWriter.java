package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * Writes the keys of one scan page in two pipelined round trips: read what is cached, then write
 * only what changed, together with the staging indexes of this load. A key whose cached value is
 * the same text is a duplicate: not written, its items counted as skipped.
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
    List<String> cached = readCached(units);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Void>> writes = new ArrayList<>();
    List<CacheUnit> written = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      CacheUnit unit = units.get(i);
      counters.totalRecords += unit.itemCount();
      if (unit.json().equals(cached.get(i))) {
        counters.skippedDuplicates += unit.itemCount();
      } else {
        var bucket = batch.<String>getBucket(unit.key(), StringCodec.INSTANCE);
        writes.add(ttlSeconds > 0 ? bucket.setAsync(unit.json(), Duration.ofSeconds(ttlSeconds)) : bucket.setAsync(unit.json()));
        written.add(unit);
      }
      index(batch, unit);
    }
    executeTolerating(batch);
    for (int i = 0; i < written.size(); i++) {
      counters.attempted(written.get(i).key(), !writes.get(i).toCompletableFuture().isCompletedExceptionally());
    }
  }

  private List<String> readCached(List<CacheUnit> units) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<String>> reads = units.stream().map(unit -> batch.<String>getBucket(unit.key(), StringCodec.INSTANCE).getAsync()).toList();
    batch.execute();
    return reads.stream().map(read -> read.toCompletableFuture().getNow(null)).toList();
  }

  /** Records each unit in the indexes this load builds; they replace the live ones when it completes. */
  private void index(RBatch batch, CacheUnit unit) {
    if (unit.isChunk()) {
      String chunk = Long.toString(unit.chunk());
      batch.<String>getScoredSortedSet(keys.staging(keys.chunkIndex(), jobId), StringCodec.INSTANCE).addAsync(unit.chunk(), chunk);
      var chunkOf = batch.<String, String>getMap(keys.staging(keys.chunkOfItem(), jobId), StringCodec.INSTANCE);
      unit.itemIds().forEach(id -> chunkOf.fastPutAsync(id, chunk));
    } else {
      batch.<String>getSet(keys.staging(keys.itemIndex(), jobId), StringCodec.INSTANCE).addAsync(unit.itemIds().get(0));
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
