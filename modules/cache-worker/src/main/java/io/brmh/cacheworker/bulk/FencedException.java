package io.brmh.cacheworker.bulk;

/**
 * Another run took this bulk load over (its partition moved on without this run noticing): this run
 * stops writing at once. A passing failure: if the partition is still this worker's, the load is
 * run again from the checkpoint with a fence of its own.
 */
final class FencedException extends RuntimeException {
  FencedException(String message) {
    super(message);
  }
}
