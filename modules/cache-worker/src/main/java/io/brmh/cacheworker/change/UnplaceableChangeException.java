package io.brmh.cacheworker.change;

import io.brmh.platform.ordered.UnprocessableRecordException;

/**
 * A change that can never be applied (no item id to key it by): retrying cannot help, it is
 * dead-lettered.
 */
public class UnplaceableChangeException extends UnprocessableRecordException {
  public UnplaceableChangeException(String message) {
    super(message);
  }
}
