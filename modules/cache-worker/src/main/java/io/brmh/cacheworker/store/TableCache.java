package io.brmh.cacheworker.store;

import java.util.Map;

/**
 * One cached table under one configuration, changed item by item. Every operation is idempotent,
 * so a change delivered twice leaves the same cache. Only one thread changes a table at a time:
 * the table log's partition is the lock.
 */
public interface TableCache {
  /** Inserts or replaces the item with this id. */
  void upsert(String itemId, Map<String, Object> item);

  /** Removes the item with this id; nothing happens when it is not cached. */
  void remove(String itemId);
}
