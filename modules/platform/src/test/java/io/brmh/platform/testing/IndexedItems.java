package io.brmh.platform.testing;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The item ids a cache's read-order index names, as tests inspect them. */
public final class IndexedItems {
  private IndexedItems() {}

  /** In read order. */
  public static List<String> inOrder(RedissonClient redis, CacheKeys keys) {
    return ItemOrder.idsOf(
        redis.<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE).readAll());
  }

  /** As a set, for comparing with a table's ids. */
  public static Set<String> of(RedissonClient redis, CacheKeys keys) {
    return new TreeSet<>(inOrder(redis, keys));
  }

  /**
   * Members that are not what {@link ItemOrder#member} makes of their id, so would be read out of
   * order.
   */
  public static List<String> misplaced(RedissonClient redis, CacheKeys keys) {
    return redis
        .<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
        .readAll()
        .stream()
        .filter(member -> !member.equals(ItemOrder.member(ItemOrder.idOf(member))))
        .toList();
  }

  /** How many ids the index holds. */
  public static int count(RedissonClient redis, CacheKeys keys) {
    return redis.getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE).size();
  }
}
