package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Writes the keys of a bulk load page by page, each in two round trips (one, into a new cache): one
 * MGET of what is cached, then one pipeline with only what changed (one MSET when keys do not
 * expire), the staging indexes of this load and the checkpoint reached before the page; that
 * pipeline runs while the loader reads and converts the next page. A key whose cached value is the
 * same text is a duplicate: not written, its items counted as skipped. (A Lua script that compared
 * in Redis saved the MGET, but Redis spent about 9 ms per page of 1,000 keys in it, measured, on
 * the load's critical path.)
 */
final class BulkPageWriter {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final String jobId;
  private final long ttlSeconds;
  private final BulkCheckpoints checkpoints;
  private final boolean keysMayHoldValues;
  private final String fence;
  private InFlight inFlight;
  private BulkCheckpoint.Position reached;

  /**
   * @param keysMayHoldValues false when the cache is new: then every key is written without reading
   *     it first
   * @param fence this run's fence: a checkpoint the fence refuses stops the load ({@link
   *     FencedException})
   */
  BulkPageWriter(
      RedissonClient redis,
      CacheKeys keys,
      String jobId,
      long ttlSeconds,
      BulkCheckpoints checkpoints,
      boolean keysMayHoldValues,
      String fence) {
    this.fence = fence;
    this.redis = redis;
    this.keys = keys;
    this.jobId = jobId;
    this.ttlSeconds = ttlSeconds;
    this.checkpoints = checkpoints;
    this.keysMayHoldValues = keysMayHoldValues;
  }

  /**
   * Sends a page's writes and returns while Redis applies them: the next page is read and converted
   * meanwhile. The page before is confirmed (its failed writes counted) first, and the checkpoint
   * after it goes out with this page's writes: a load that dies resumes from there and rewrites at
   * most this page, which is harmless.
   *
   * @param reached where the load is once this page is written
   */
  void write(List<CacheUnit> units, BulkCounters counters, BulkCheckpoint.Position reached) {
    if (units.isEmpty()) {
      this.reached = reached; // the position did not move past a written key
      return;
    }
    BulkCheckpoint earlier = confirm(counters);
    Map<String, String> cached =
        keysMayHoldValues
            ? redis
                .getBuckets(StringCodec.INSTANCE)
                .get(units.stream().map(CacheUnit::key).toArray(String[]::new))
            : Map.of();
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
    Map<String, RFuture<?>> writes = write(batch, changed);
    index(batch, units);
    RFuture<Long> checkpointSaved =
        earlier == null ? null : checkpoints.save(batch, keys, earlier, fence);
    inFlight = new InFlight(batch.executeAsync(), writes, checkpointSaved);
    this.reached = reached;
  }

  /**
   * Waits for the last page sent.
   *
   * @return the checkpoint after it, or null when nothing was written
   */
  BulkCheckpoint finish(BulkCounters counters) {
    return confirm(counters);
  }

  /**
   * Waits for the page on its way. A page any of whose writes failed (Redis at {@code maxmemory}, a
   * failover, a timeout) is not written: it throws, and the load is resumed later from the
   * checkpoint before that page, so no job ever counts a failed write as done.
   */
  private BulkCheckpoint confirm(BulkCounters counters) {
    if (inFlight != null) {
      InFlight page = inFlight;
      inFlight = null;
      Throwable failure = failureOf(page.batch());
      for (RFuture<?> write : page.writes().values()) {
        failure = failure != null ? failure : failureOf(write);
      }
      if (failure != null) {
        throw new PageNotWrittenException(
            "Redis did not take a page of " + keys.prefix() + ": " + failure, failure);
      }
      if (page.checkpointSaved() != null
          && !Long.valueOf(1).equals(page.checkpointSaved().toCompletableFuture().join())) {
        throw BulkCheckpoints.fenced(keys);
      }
      page.writes().keySet().forEach(counters::written);
    }
    return reached == null ? null : reached.checkpoint(jobId, counters.snapshot());
  }

  private static Throwable failureOf(RFuture<?> future) {
    try {
      future.toCompletableFuture().join();
      return null;
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException failed) {
      return failed.getCause() != null ? failed.getCause() : failed;
    }
  }

  /**
   * A page's writes on their way: the pipeline, each key's write, and the save of the checkpoint
   * before the page (or null).
   */
  private record InFlight(
      RFuture<?> batch, Map<String, RFuture<?>> writes, RFuture<Long> checkpointSaved) {}

  /**
   * @return each key's write; without a time to live one MSET writes them all, sent beside the
   *     pipeline (the checkpoint in it covers only earlier pages, so their order does not matter)
   */
  private Map<String, RFuture<?>> write(RBatch batch, Map<String, String> changed) {
    Map<String, RFuture<?>> writes = new LinkedHashMap<>();
    if (changed.isEmpty()) {
      return writes;
    }
    if (ttlSeconds > 0) {
      Duration ttl = Duration.ofSeconds(ttlSeconds);
      changed.forEach(
          (key, json) ->
              writes.put(
                  key, batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(json, ttl)));
    } else {
      RFuture<Void> all = redis.getBuckets(StringCodec.INSTANCE).setAsync(changed);
      changed.keySet().forEach(key -> writes.put(key, all));
    }
    return writes;
  }

  /**
   * Records the page's units in the indexes this load builds; they replace the live ones when it
   * completes.
   */
  private void index(RBatch batch, List<CacheUnit> units) {
    if (units.get(0).isChunk()) {
      Map<String, Double> chunks = new LinkedHashMap<>();
      Map<String, String> chunkOf = new LinkedHashMap<>();
      for (CacheUnit unit : units) {
        String chunk = Long.toString(unit.chunk());
        chunks.put(chunk, (double) unit.chunk());
        unit.itemIds().forEach(id -> chunkOf.put(id, chunk));
      }
      batch
          .<String>getScoredSortedSet(keys.staging(keys.chunkIndex(), jobId), StringCodec.INSTANCE)
          .addAllAsync(chunks);
      if (!chunkOf.isEmpty()) {
        batch
            .<String, String>getMap(keys.staging(keys.chunkOfItem(), jobId), StringCodec.INSTANCE)
            .putAllAsync(chunkOf);
      }
    } else {
      List<String> ids = new ArrayList<>(units.size());
      units.forEach(unit -> ids.add(unit.itemIds().get(0)));
      // A lexicographic set sends ZADD with a constant score: a third of the client's time per page
      // of a scored map.
      batch
          .getLexSortedSet(keys.staging(keys.itemIndex(), jobId))
          .addAllAsync(ItemOrder.members(ids));
    }
  }
}
