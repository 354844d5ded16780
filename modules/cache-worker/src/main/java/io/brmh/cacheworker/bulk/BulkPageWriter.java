package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.store.RedisScripts;
import io.brmh.platform.cache.CacheKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Writes the keys of one scan page in one round trip: a script that compares each key's cached
 * value with the new one and writes only what changed (a key with the same text is a duplicate:
 * not written, its items counted as skipped), the staging indexes of this load, and the checkpoint
 * of the page before. Comparing in Redis saves reading every cached value back over the wire.
 */
final class BulkPageWriter {
  private static final String WRITE_CHANGED = RedisScripts.load(BulkPageWriter.class, "write-changed.lua");
  private static final long UNCHANGED = 0;
  private static final long WRITTEN = 1;

  private final RedissonClient redis;
  private final CacheKeys keys;
  private final String jobId;
  private final long ttlSeconds;
  private final BulkCheckpoints checkpoints;

  BulkPageWriter(RedissonClient redis, CacheKeys keys, String jobId, long ttlSeconds, BulkCheckpoints checkpoints) {
    this.redis = redis;
    this.keys = keys;
    this.jobId = jobId;
    this.ttlSeconds = ttlSeconds;
    this.checkpoints = checkpoints;
  }

  /**
   * @param earlier the checkpoint after the previous page, saved in the same round trip (a load
   *     that dies before its next page resumes from there and rewrites this page, which is harmless)
   */
  void write(List<CacheUnit> units, BulkCounters counters, BulkCheckpoint earlier) {
    if (units.isEmpty()) {
      return;
    }
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<Object> unitKeys = new ArrayList<>(units.size());
    Object[] arguments = new Object[units.size() + 1];
    arguments[0] = Long.toString(ttlSeconds);
    for (int i = 0; i < units.size(); i++) {
      unitKeys.add(units.get(i).key());
      arguments[i + 1] = units.get(i).json();
    }
    RFuture<List<Long>> outcomes = batch.getScript(StringCodec.INSTANCE)
        .evalAsync(RScript.Mode.READ_WRITE, WRITE_CHANGED, RScript.ReturnType.LIST, unitKeys, arguments);
    index(batch, units);
    if (earlier != null) {
      checkpoints.save(batch, keys, earlier);
    }
    batch.execute();
    count(units, outcomes.toCompletableFuture().join(), counters);
  }

  private static void count(List<CacheUnit> units, List<Long> outcomes, BulkCounters counters) {
    for (int i = 0; i < units.size(); i++) {
      CacheUnit unit = units.get(i);
      counters.totalRecords += unit.itemCount();
      long outcome = outcomes.get(i);
      if (outcome == UNCHANGED) {
        counters.skippedDuplicates += unit.itemCount();
      } else {
        counters.attempted(unit.key(), outcome == WRITTEN);
      }
    }
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
}
