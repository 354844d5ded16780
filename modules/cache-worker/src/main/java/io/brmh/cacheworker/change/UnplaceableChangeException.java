package io.brmh.cacheworker.change;

/** A change that can never be applied (no item id to key it by): retrying cannot help, it is dead-lettered. */
public class UnplaceableChangeException extends RuntimeException {
  public UnplaceableChangeException(String message) {
    super(message);
  }
}
