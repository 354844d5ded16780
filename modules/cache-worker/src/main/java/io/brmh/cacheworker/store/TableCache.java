package io.brmh.cacheworker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cached table under one configuration. Changes are applied in batches, pipelined, in a few
 * round trips whatever the batch size. Applying a batch twice leaves the same cache (redelivery is
 * harmless). Only one thread changes a table at a time: the table log's partition is the lock.
 */
public interface TableCache {
  /** Applies the changes in order. */
  void apply(List<ItemChange> changes);

  /** The last change of each item, in the order items were first changed. */
  static Map<String, ItemChange> lastChangePerItem(List<ItemChange> changes) {
    Map<String, ItemChange> last = new LinkedHashMap<>();
    changes.forEach(change -> last.put(change.itemId(), change));
    return last;
  }
}
