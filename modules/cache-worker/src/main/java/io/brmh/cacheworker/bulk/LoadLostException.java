package io.brmh.cacheworker.bulk;

/**
 * Redis lost data while a bulk load ran (restarted empty, flushed): a passing failure, the load
 * starts over from nothing.
 */
final class LoadLostException extends RuntimeException {
  LoadLostException(String message) {
    super(message);
  }
}
