package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import io.brmh.platform.cache.JsJson;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One item per key, {@code {project}:{table}:{id}}. A replaced item keeps the key's remaining time
 * to live; a new key gets the configured one. One pipelined round trip per batch: a script sets the
 * items (it knows which keys exist), then the removals and the read-order index ({@link
 * ItemOrder}).
 */
public final class ItemKeyCache implements TableCache {
  private static final String UPSERT_KEEPING_TTL =
      RedisScripts.load(ItemKeyCache.class, "upsert-keeping-ttl.lua");

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
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<Object> upsertKeys = new ArrayList<>();
    List<Object> upsertArguments = new ArrayList<>();
    upsertArguments.add(Long.toString(ttlSeconds));
    List<String> upserted = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (ItemChange change : TableCache.lastChangePerItem(changes).values()) {
      if (change.isRemoval()) {
        batch.getBucket(keys.item(change.itemId()), StringCodec.INSTANCE).deleteAsync();
        removed.add(change.itemId());
      } else {
        upsertKeys.add(keys.item(change.itemId()));
        upsertArguments.add(JsJson.write(change.item()));
        upserted.add(change.itemId());
      }
    }
    if (!upserted.isEmpty()) {
      batch
          .getScript(StringCodec.INSTANCE)
          .evalAsync(
              RScript.Mode.READ_WRITE,
              UPSERT_KEEPING_TTL,
              RScript.ReturnType.LONG,
              upsertKeys,
              upsertArguments.toArray());
      batch.getLexSortedSet(keys.itemIndex()).addAllAsync(ItemOrder.members(upserted));
    }
    if (!removed.isEmpty()) {
      batch.getLexSortedSet(keys.itemIndex()).removeAllAsync(ItemOrder.members(removed));
    }
    batch.execute();
  }
}
