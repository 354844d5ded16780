package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.JsJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Items in chunks of up to {@code itemsPerKey}, {@code {project}:{table}:chunk:{n}}. An index from
 * item id to chunk finds an item's chunk without reading the others (the original read every chunk
 * on every change). New items go to the last chunk while it has room. A chunk that loses its last
 * item stays as {@code []}, so chunk numbers have no gaps; rewritten chunks keep their time to
 * live. A batch costs four round trips whatever its size: where the items are, the chunks they are
 * in, the writes.
 */
public final class ChunkCache implements TableCache {
  private final RedissonClient redis;
  private final CacheKeys keys;
  private final int itemsPerKey;
  private final long ttlSeconds;
  private final List<String> keyAttributes;
  private final CachedValues values;

  public ChunkCache(
      RedissonClient redis,
      CacheKeys keys,
      int itemsPerKey,
      long ttlSeconds,
      List<String> keyAttributes,
      CachedValues values) {
    this.redis = redis;
    this.keys = keys;
    this.itemsPerKey = itemsPerKey;
    this.ttlSeconds = ttlSeconds;
    this.keyAttributes = keyAttributes;
    this.values = values;
  }

  @Override
  public void apply(List<ItemChange> changes) {
    Map<String, ItemChange> last = TableCache.lastChangePerItem(changes);
    Map<String, String> held = chunkOf().getAll(last.keySet());
    Double lastScore = chunkIndex().lastScore();
    long lastChunk = lastScore == null ? -1 : lastScore.longValue();
    Set<Long> wanted = new TreeSet<>();
    held.values().forEach(n -> wanted.add(Long.parseLong(n)));
    if (lastChunk >= 0) {
      wanted.add(lastChunk);
    }
    Map<Long, String> stored = read(wanted);
    Map<Long, List<Map<String, Object>>> chunks = new HashMap<>();
    stored.forEach((n, text) -> chunks.put(n, values.readChunk(text)));

    Set<Long> dirty = new HashSet<>();
    Map<String, String> placed = new LinkedHashMap<>();
    List<String> unplaced = new ArrayList<>();
    List<Long> created = new ArrayList<>();
    for (ItemChange change : last.values()) {
      String holder = held.get(change.itemId());
      if (holder != null) {
        long n = Long.parseLong(holder);
        List<Map<String, Object>> chunk = chunks.get(n);
        int at = indexOf(chunk, change.itemId());
        if (change.isRemoval()) {
          if (at >= 0) {
            chunk.remove(at);
          }
          unplaced.add(change.itemId());
        } else if (at >= 0) {
          chunk.set(at, change.item());
        } else {
          chunk.add(change.item());
        }
        dirty.add(n);
      } else if (!change.isRemoval()) {
        if (lastChunk < 0 || chunks.get(lastChunk).size() >= itemsPerKey) {
          lastChunk++;
          chunks.put(lastChunk, new ArrayList<>());
          created.add(lastChunk);
        }
        chunks.get(lastChunk).add(change.item());
        placed.put(change.itemId(), Long.toString(lastChunk));
        dirty.add(lastChunk);
      }
    }
    write(chunks, dirty, stored, placed, unplaced, created);
  }

  private Map<Long, String> read(Set<Long> numbers) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    Map<Long, RFuture<String>> reads = new LinkedHashMap<>();
    numbers.forEach(
        n -> reads.put(n, batch.<String>getBucket(keys.chunk(n), StringCodec.INSTANCE).getAsync()));
    if (!reads.isEmpty()) {
      batch.execute();
    }
    Map<Long, String> stored = new HashMap<>();
    reads.forEach((n, read) -> stored.put(n, read.toCompletableFuture().join()));
    return stored;
  }

  private void write(
      Map<Long, List<Map<String, Object>>> chunks,
      Set<Long> dirty,
      Map<Long, String> stored,
      Map<String, String> placed,
      List<String> unplaced,
      List<Long> created) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    for (long n : dirty) {
      RBucketAsync<String> bucket = batch.getBucket(keys.chunk(n), StringCodec.INSTANCE);
      String json = JsJson.write(chunks.get(n));
      if (stored.get(n) != null) {
        bucket.setAndKeepTTLAsync(json);
      } else if (ttlSeconds > 0) {
        bucket.setAsync(json, Duration.ofSeconds(ttlSeconds));
      } else {
        bucket.setAsync(json);
      }
    }
    if (!placed.isEmpty()) {
      batch.<String, String>getMap(keys.chunkOfItem(), StringCodec.INSTANCE).putAllAsync(placed);
    }
    if (!unplaced.isEmpty()) {
      batch
          .<String, String>getMap(keys.chunkOfItem(), StringCodec.INSTANCE)
          .fastRemoveAsync(unplaced.toArray(String[]::new));
    }
    created.forEach(
        n ->
            batch
                .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
                .addAsync(n, Long.toString(n)));
    batch.execute();
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

  private RScoredSortedSet<String> chunkIndex() {
    return redis.getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE);
  }
}
