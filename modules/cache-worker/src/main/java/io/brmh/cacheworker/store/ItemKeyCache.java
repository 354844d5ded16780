package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One item per key, {@code {project}:{table}:{id}}. A replaced item keeps the key's remaining time
 * to live; a new key gets the configured one. Two pipelined round trips per batch: which keys
 * exist, then the writes.
 */
public final class ItemKeyCache implements TableCache {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final long ttlSeconds;

  public ItemKeyCache(RedissonClient redis, CacheKeys keys, long ttlSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = ttlSeconds;
  }

  @Override
  public void apply(List<ItemChange> changes) {
    List<ItemChange> last = new ArrayList<>(TableCache.lastChangePerItem(changes).values());
    List<ItemChange> upserts = last.stream().filter(change -> !change.isRemoval()).toList();
    List<Boolean> exists = exists(upserts);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<String> upserted = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < upserts.size(); i++) {
      ItemChange change = upserts.get(i);
      RBucketAsync<String> bucket = batch.getBucket(keys.item(change.itemId()), StringCodec.INSTANCE);
      String json = JsJson.write(change.item());
      if (exists.get(i)) {
        bucket.setAndKeepTTLAsync(json);
      } else if (ttlSeconds > 0) {
        bucket.setAsync(json, Duration.ofSeconds(ttlSeconds));
      } else {
        bucket.setAsync(json);
      }
      upserted.add(change.itemId());
    }
    for (ItemChange change : last) {
      if (change.isRemoval()) {
        batch.getBucket(keys.item(change.itemId()), StringCodec.INSTANCE).deleteAsync();
        removed.add(change.itemId());
      }
    }
    if (!upserted.isEmpty()) {
      batch.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).addAllAsync(upserted);
    }
    if (!removed.isEmpty()) {
      batch.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).removeAllAsync(removed);
    }
    batch.execute();
  }

  private List<Boolean> exists(List<ItemChange> upserts) {
    if (upserts.isEmpty()) {
      return List.of();
    }
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Boolean>> answers = upserts.stream()
        .map(change -> batch.getBucket(keys.item(change.itemId()), StringCodec.INSTANCE).isExistsAsync()).toList();
    batch.execute();
    return answers.stream().map(answer -> answer.toCompletableFuture().join()).toList();
  }
}
