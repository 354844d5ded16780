package io.brmh.cacheworker.bulk;

/**
 * Redis refused part of a bulk load's page: a passing failure, the load resumes from the checkpoint
 * before the page.
 */
final class PageNotWrittenException extends RuntimeException {
  PageNotWrittenException(String message, Throwable cause) {
    super(message, cause);
  }
}
