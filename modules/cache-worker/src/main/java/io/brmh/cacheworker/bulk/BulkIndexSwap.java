package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.store.CacheEraser;
import io.brmh.cacheworker.store.RedisScripts;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import java.util.ArrayList;
import java.util.Collection;
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
 * Ends a bulk load once every page is in Redis, so that a crash at any instant leaves the old
 * complete cache or the new one: first what the table no longer holds leaves the cache (the
 * original kept deleted items for ever; this step can run again, since the indexes it compares do
 * not change until the next), then one script replaces the live indexes with those the load built
 * and marks the checkpoint swapped, then keys of the other strategy, from an earlier configuration,
 * are removed (again safe to repeat). A load that began from nothing sets a run marker; if Redis
 * lost data while it ran (a restart, a flush), the marker is gone at the end and the load starts
 * over instead of swapping in indexes that miss its earlier pages.
 */
final class BulkIndexSwap {
  private static final String SWAP = RedisScripts.load(BulkIndexSwap.class, "swap-indexes.lua");

  private final RedissonClient redis;
  private final CacheKeys keys;
  private final String jobId;
  private final CacheEraser eraser;
  private String fence;

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

  /**
   * Takes the fence for this run: from now on a run that started before this one can no longer move
   * the checkpoint or swap the indexes.
   *
   * @return this run's fence, for the checkpoints it saves
   */
  String takeFence() {
    fence = Long.toString(redis.getAtomicLong(keys.bulkFence()).incrementAndGet());
    return fence;
  }

  /** Marks the start of a load that begins from nothing (not a resumed one). */
  void beginRun() {
    redis.<String>getBucket(keys.bulkRun(), StringCodec.INSTANCE).set(jobId);
  }

  /** Whether every page this load wrote is still in Redis: the run marker set at its start is. */
  boolean runIntact() {
    return jobId.equals(redis.<String>getBucket(keys.bulkRun(), StringCodec.INSTANCE).get());
  }

  /** Whether this run still holds the fence. */
  private boolean holdsFence() {
    return fence != null
        && fence.equals(redis.<String>getBucket(keys.bulkFence(), StringCodec.INSTANCE).get());
  }

  /**
   * Deletes what the table no longer holds and swaps the indexes; {@code swapped} is the checkpoint
   * the swap leaves.
   *
   * @throws LoadLostException when Redis lost data since the load began
   */
  void completeItemMode(String swapped) {
    requireIntactRun();
    Collection<String> gone =
        redis
            .<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
            .readDiff(staging(keys.itemIndex()));
    eraser.delete(goneIds(gone).stream().map(keys::item).toList());
    swap(swapped, keys.itemIndex());
  }

  /**
   * The ids of live members the load did not index. A member this JDK would encode differently (its
   * collation rules changed) may stand for an id the load did index under its new member: that id
   * is gone only if the staging index lacks its new member too.
   */
  private List<String> goneIds(Collection<String> goneMembers) {
    List<String> gone = new ArrayList<>();
    Map<String, RFuture<Double>> reEncoded = new LinkedHashMap<>();
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    for (String member : goneMembers) {
      String id = ItemOrder.idOf(member);
      String current = ItemOrder.member(id);
      if (current.equals(member)) {
        gone.add(id);
      } else {
        reEncoded.put(
            id,
            batch
                .<String>getScoredSortedSet(staging(keys.itemIndex()), StringCodec.INSTANCE)
                .getScoreAsync(current));
      }
    }
    if (!reEncoded.isEmpty()) {
      batch.execute();
      reEncoded.forEach(
          (id, score) -> {
            if (score.toCompletableFuture().join() == null) {
              gone.add(id);
            }
          });
    }
    return gone;
  }

  void completeChunkMode(long chunkCount, String swapped) {
    requireIntactRun();
    Collection<String> beyond =
        redis
            .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
            .valueRange(chunkCount, true, Double.POSITIVE_INFINITY, true);
    eraser.delete(beyond.stream().map(n -> keys.chunk(Long.parseLong(n))).toList());
    swap(swapped, keys.chunkIndex(), keys.chunkOfItem());
  }

  /** After the swap: the other strategy's keys go. */
  void eraseOtherMode(boolean chunkMode) {
    if (chunkMode) {
      eraser.eraseItemMode();
    } else {
      eraser.eraseChunkMode();
    }
  }

  /** Drops what a load that will not complete has built. */
  void discardStaging() {
    redis
        .getKeys()
        .delete(staging(keys.itemIndex()), staging(keys.chunkIndex()), staging(keys.chunkOfItem()));
  }

  private void requireIntactRun() {
    if (!holdsFence()) {
      throw BulkCheckpoints.fenced(keys);
    }
    if (!runIntact()) {
      throw lost();
    }
  }

  private void swap(String swappedCheckpoint, String... liveIndexes) {
    List<Object> scriptKeys = new ArrayList<>();
    for (String live : liveIndexes) {
      scriptKeys.add(staging(live));
      scriptKeys.add(live);
    }
    scriptKeys.add(keys.bulkCheckpoint());
    scriptKeys.add(keys.bulkRun());
    scriptKeys.add(keys.loadedMarker());
    scriptKeys.add(keys.bulkFence());
    Long swapped =
        redis
            .getScript(StringCodec.INSTANCE)
            .eval(
                RScript.Mode.READ_WRITE,
                SWAP,
                RScript.ReturnType.LONG,
                scriptKeys,
                swappedCheckpoint,
                jobId,
                fence);
    if (swapped != null && swapped == -1) {
      throw BulkCheckpoints.fenced(keys);
    }
    if (swapped == null || swapped == 0) {
      throw lost();
    }
  }

  /**
   * Redis lost data while the load ran: what it built is dropped, and the next try starts from
   * nothing.
   */
  private LoadLostException lost() {
    discardStaging();
    redis.getKeys().delete(keys.bulkCheckpoint());
    return new LoadLostException(
        "Redis lost data of "
            + keys.prefix()
            + " while job "
            + jobId
            + " loaded it; the load starts over");
  }

  private String staging(String live) {
    return keys.staging(live, jobId);
  }
}
