package io.brmh.cacheworker.store;

import java.util.Map;

/**
 * The state one item should have after a change: {@code item} for an insert or modify, {@code null}
 * for a removal. Changes are states, not deltas, so of several changes to one item only the last
 * matters.
 */
public record ItemChange(String itemId, Map<String, Object> item) {
  public boolean isRemoval() {
    return item == null;
  }
}
