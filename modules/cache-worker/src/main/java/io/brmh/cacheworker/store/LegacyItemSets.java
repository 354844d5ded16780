package io.brmh.cacheworker.store;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Turns the unordered item set that caches written before the read-order index kept ({@link
 * CacheKeys#legacyItemSet()}) into that index ({@link CacheKeys#itemIndex()}), the first time this
 * process touches a table's cache. It must run where the table's changes and loads are serialized
 * (its partition of the table log), so that no change lands between reading the set and adding its
 * members. The members are built under a key of their own and merged into the index in one atomic
 * step that also deletes the old set, so readers see the old set or the complete index, never a
 * half-built one. A run that fails (Redis down or full) or dies half-way is tried again at the next
 * change or load: a table counts as checked only once its upgrade succeeded.
 *
 * <p>Old and new workers must not run side by side: an old one would write the set again after the
 * upgrade deleted it. Stop the old workers, then start the new ones.
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

  /**
   * Upgrades the cache's index unless this process did before.
   *
   * @throws RuntimeException when Redis failed: a passing failure, the caller's record is tried
   *     again
   */
  public void upgradeOnce(CacheKeys keys) {
    if (!checked.contains(keys.prefix())) {
      upgrade(keys);
      checked.add(keys.prefix());
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
    RBatch merge =
        redis.createBatch(
            BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
    merge
        .getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
        .unionAsync(keys.itemIndex(), upgrading(keys));
    merge.getKeys().deleteAsync(upgrading(keys), keys.legacyItemSet());
    merge.execute();
  }

  private void index(CacheKeys keys, List<String> ids) {
    if (!ids.isEmpty()) {
      redis.getLexSortedSet(upgrading(keys)).addAll(ItemOrder.members(ids));
    }
  }

  /**
   * Where the index is built before it is merged in (a rerun starts it afresh: the same members).
   */
  private static String upgrading(CacheKeys keys) {
    return keys.staging(keys.itemIndex(), "legacy-upgrade");
  }
}
