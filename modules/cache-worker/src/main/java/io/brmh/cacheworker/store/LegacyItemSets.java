package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Turns the unordered item set that caches written before the read-order index kept ({@link
 * CacheKeys#legacyItemSet()}) into that index ({@link CacheKeys#itemIndex()}), the first time this
 * process touches a table's cache. It must run where the table's changes and loads are serialized
 * (its partition of the table log), so that no change lands between reading the set and adding its
 * members. Safe to repeat: a run killed half-way adds the same members again and deletes the set
 * last.
 */
@Singleton
public class LegacyItemSets {
  private static final int IDS_PER_ROUND_TRIP = 1000;

  private final RedissonClient redis;

  /** The caches this process has looked at, by key prefix: one EXISTS per cache and process. */
  private final Set<String> checked = ConcurrentHashMap.newKeySet();

  LegacyItemSets(RedissonClient redis) {
    this.redis = redis;
  }

  /** Upgrades the cache's index unless this process has looked at it before. */
  public void upgradeOnce(CacheKeys keys) {
    if (checked.add(keys.prefix())) {
      upgrade(keys);
    }
  }

  private void upgrade(CacheKeys keys) {
    RSet<String> legacy = redis.getSet(keys.legacyItemSet(), StringCodec.INSTANCE);
    if (!legacy.isExists()) {
      return;
    }
    List<String> ids = new ArrayList<>(IDS_PER_ROUND_TRIP);
    Iterator<String> scan =
        legacy.iterator(IDS_PER_ROUND_TRIP); // SSCAN: never the whole set in one answer
    while (scan.hasNext()) {
      ids.add(scan.next());
      if (ids.size() == IDS_PER_ROUND_TRIP) {
        index(keys, ids);
        ids.clear();
      }
    }
    index(keys, ids);
    legacy.delete();
  }

  private void index(CacheKeys keys, List<String> ids) {
    if (!ids.isEmpty()) {
      redis.getLexSortedSet(keys.itemIndex()).addAll(ItemOrder.members(ids));
    }
  }
}
