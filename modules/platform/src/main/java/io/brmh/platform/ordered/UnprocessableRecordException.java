package io.brmh.platform.ordered;

/**
 * A record that can never be handled, however often it is tried (no id to key an item by, a command
 * that makes no sense): the ordered consumer dead-letters it and goes on with the partition. Every
 * other failure counts as passing (a store unavailable, throttling) and is retried without limit.
 */
public class UnprocessableRecordException extends RuntimeException {
  public UnprocessableRecordException(String message) {
    super(message);
  }

  public UnprocessableRecordException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the ordered consumer would dead-letter a command that failed so: this exception, or one
   * of code meeting data it cannot take (a null, a wrong type, an argument out of range), which
   * fail the same way every time. A worker that ends a job itself treats these as final too.
   */
  public static boolean covers(Throwable failure) {
    return Retries.isUnprocessable(failure);
  }
}
