package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.store.RedisScripts;
import io.brmh.platform.cache.CacheKeys;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Checkpoints of running bulk loads, one per cached table, in Redis next to the cache they rebuild.
 */
@Singleton
class BulkCheckpoints {
  private static final String SAVE =
      RedisScripts.load(BulkCheckpoints.class, "save-checkpoint.lua");

  private final RedissonClient redis;
  private final JsonMapper json;

  BulkCheckpoints(RedissonClient redis, JsonMapper json) {
    this.redis = redis;
    this.json = json;
  }

  /** The checkpoint of this job, if it ran before; another job's checkpoint does not count. */
  Optional<BulkCheckpoint> load(CacheKeys keys, String jobId) {
    String text = bucket(keys).get();
    if (text == null) {
      return Optional.empty();
    }
    try {
      BulkCheckpoint checkpoint = json.readValue(text, BulkCheckpoint.class);
      // One of an older format (positions within pages, not after keys) cannot be resumed exactly:
      // start over.
      boolean usable =
          jobId.equals(checkpoint.jobId())
              && checkpoint.format() == BulkCheckpoint.FORMAT
              && checkpoint.pageSize() > 0
              && checkpoint.segments() != null
              && !checkpoint.segments().isEmpty();
      return usable ? Optional.of(checkpoint) : Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Saves the checkpoint if this run holds the fence.
   *
   * @throws FencedException when another run took the load over
   */
  void save(CacheKeys keys, BulkCheckpoint checkpoint, String fence) {
    Long saved =
        redis
            .getScript(StringCodec.INSTANCE)
            .eval(
                RScript.Mode.READ_WRITE,
                SAVE,
                RScript.ReturnType.LONG,
                List.of(keys.bulkCheckpoint(), keys.bulkFence()),
                text(checkpoint),
                fence);
    if (saved == null || saved != 1) {
      throw fenced(keys);
    }
  }

  /**
   * Saves the checkpoint as part of a pipeline, after the writes queued before it, if this run
   * holds the fence: 1 when it did.
   */
  RFuture<Long> save(RBatch batch, CacheKeys keys, BulkCheckpoint checkpoint, String fence) {
    return batch
        .getScript(StringCodec.INSTANCE)
        .evalAsync(
            RScript.Mode.READ_WRITE,
            SAVE,
            RScript.ReturnType.LONG,
            List.of(keys.bulkCheckpoint(), keys.bulkFence()),
            text(checkpoint),
            fence);
  }

  static FencedException fenced(CacheKeys keys) {
    return new FencedException(
        "another run took over the bulk load of " + keys.prefix() + "; this one stops writing");
  }

  String text(BulkCheckpoint checkpoint) {
    try {
      return json.writeValueAsString(checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(CacheKeys keys) {
    bucket(keys).delete();
  }

  /**
   * Deletes the checkpoint unless another was saved since this one was read (by a newer load of the
   * cache).
   */
  void deleteIfStill(CacheKeys keys, BulkCheckpoint read) {
    bucket(keys).compareAndSet(text(read), null);
  }

  private RBucket<String> bucket(CacheKeys keys) {
    return redis.getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE);
  }
}
