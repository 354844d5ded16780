package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import java.time.Duration;
import java.util.Map;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One item per key, {@code {project}:{table}:{id}}. A replaced item keeps the key's remaining time
 * to live; a new key gets the configured one.
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
  public void upsert(String itemId, Map<String, Object> item) {
    RBucket<String> bucket = redis.getBucket(keys.item(itemId), StringCodec.INSTANCE);
    String json = JsJson.write(item);
    if (bucket.isExists()) {
      bucket.setAndKeepTTL(json);
    } else if (ttlSeconds > 0) {
      bucket.set(json, Duration.ofSeconds(ttlSeconds));
    } else {
      bucket.set(json);
    }
    redis.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).add(itemId);
  }

  @Override
  public void remove(String itemId) {
    redis.getBucket(keys.item(itemId), StringCodec.INSTANCE).delete();
    redis.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).remove(itemId);
  }
}
