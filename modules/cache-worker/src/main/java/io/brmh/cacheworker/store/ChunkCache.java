package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.JsJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBucket;
import org.redisson.api.RMap;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Items in chunks of up to {@code itemsPerKey}, {@code {project}:{table}:chunk:{n}}. An index from
 * item id to chunk finds an item's chunk without reading the others (the original read every
 * chunk on every change). New items go to the last chunk while it has room. A chunk that loses its
 * last item stays as {@code []}, so chunk numbers have no gaps; rewritten chunks keep their time to
 * live.
 */
public final class ChunkCache implements TableCache {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final int itemsPerKey;
  private final long ttlSeconds;
  private final List<String> keyAttributes;
  private final CachedValues values;

  public ChunkCache(RedissonClient redis, CacheKeys keys, int itemsPerKey, long ttlSeconds, List<String> keyAttributes,
      CachedValues values) {
    this.redis = redis;
    this.keys = keys;
    this.itemsPerKey = itemsPerKey;
    this.ttlSeconds = ttlSeconds;
    this.keyAttributes = keyAttributes;
    this.values = values;
  }

  @Override
  public void upsert(String itemId, Map<String, Object> item) {
    String held = chunkOf().get(itemId);
    if (held != null) {
      long n = Long.parseLong(held);
      List<Map<String, Object>> chunk = read(n);
      int at = indexOf(chunk, itemId);
      if (at >= 0) {
        chunk.set(at, item);
      } else {
        chunk.add(item);
      }
      rewrite(n, chunk);
      return;
    }
    Double last = chunks().lastScore();
    long n = last == null ? 0 : last.longValue();
    List<Map<String, Object>> chunk = last == null ? new java.util.ArrayList<>() : read(n);
    if (chunk.size() >= itemsPerKey) {
      n++;
      chunk = new java.util.ArrayList<>();
    }
    chunk.add(item);
    rewrite(n, chunk);
    chunks().add(n, Long.toString(n));
    chunkOf().fastPut(itemId, Long.toString(n));
  }

  @Override
  public void remove(String itemId) {
    String held = chunkOf().get(itemId);
    if (held == null) {
      return;
    }
    long n = Long.parseLong(held);
    List<Map<String, Object>> chunk = read(n);
    int at = indexOf(chunk, itemId);
    if (at >= 0) {
      chunk.remove(at);
      rewrite(n, chunk);
    }
    chunkOf().fastRemove(itemId);
  }

  private List<Map<String, Object>> read(long n) {
    return values.readChunk(redis.<String>getBucket(keys.chunk(n), StringCodec.INSTANCE).get());
  }

  private void rewrite(long n, List<Map<String, Object>> chunk) {
    RBucket<String> bucket = redis.getBucket(keys.chunk(n), StringCodec.INSTANCE);
    String json = JsJson.write(chunk);
    if (bucket.isExists()) {
      bucket.setAndKeepTTL(json);
    } else if (ttlSeconds > 0) {
      bucket.set(json, Duration.ofSeconds(ttlSeconds));
    } else {
      bucket.set(json);
    }
  }

  private int indexOf(List<Map<String, Object>> chunk, String itemId) {
    for (int i = 0; i < chunk.size(); i++) {
      if (ItemIds.of(chunk.get(i), keyAttributes).filter(itemId::equals).isPresent()) {
        return i;
      }
    }
    return -1;
  }

  private RMap<String, String> chunkOf() {
    return redis.getMap(keys.chunkOfItem(), StringCodec.INSTANCE);
  }

  private RScoredSortedSet<String> chunks() {
    return redis.getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE);
  }
}
