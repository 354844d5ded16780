package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Checkpoints of running bulk loads, one per cached table, in Redis next to the cache they rebuild. */
@Singleton
class BulkCheckpoints {
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
      // One of an older format (positions within pages, not after keys) cannot be resumed exactly: start over.
      boolean usable = jobId.equals(checkpoint.jobId()) && checkpoint.format() == BulkCheckpoint.FORMAT && checkpoint.pageSize() > 0
          && checkpoint.segments() != null && !checkpoint.segments().isEmpty();
      return usable ? Optional.of(checkpoint) : Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  void save(CacheKeys keys, BulkCheckpoint checkpoint) {
    bucket(keys).set(text(checkpoint));
  }

  /** Saves the checkpoint as part of a pipeline, after the writes queued before it. */
  void save(RBatch batch, CacheKeys keys, BulkCheckpoint checkpoint) {
    batch.<String>getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE).setAsync(text(checkpoint));
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

  private RBucket<String> bucket(CacheKeys keys) {
    return redis.getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE);
  }
}
