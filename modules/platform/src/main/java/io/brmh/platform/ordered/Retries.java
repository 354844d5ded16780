package io.brmh.platform.ordered;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions waiting to try a record again: the record's offset, how often it failed and when the
 * next try is due. Waits grow from 100 ms fourfold up to {@code maxBackoff}; there is no last try,
 * since a store that is down for an hour comes back, and a record skipped is a change lost.
 */
final class Retries {
  private final Map<TopicPartition, Retry> waiting = new HashMap<>();
  private final Duration maxBackoff;

  record Retry(long offset, int attempts, long dueNanos) {}

  Retries(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  /**
   * Records another failure of the record at {@code offset}; returns how often it has failed now.
   */
  Retry failed(TopicPartition partition, long offset) {
    Retry before = waiting.get(partition);
    int attempts = before != null && before.offset() == offset ? before.attempts() + 1 : 1;
    Retry retry = new Retry(offset, attempts, System.nanoTime() + wait(attempts).toNanos());
    waiting.put(partition, retry);
    return retry;
  }

  Duration wait(int attempts) {
    long millis = 100L << Math.min(20, 2 * (attempts - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /** The partitions whose wait is over. */
  Map<TopicPartition, Retry> due() {
    Map<TopicPartition, Retry> due = new HashMap<>();
    long now = System.nanoTime();
    waiting.forEach(
        (partition, retry) -> {
          if (now - retry.dueNanos() >= 0) {
            due.put(partition, retry);
          }
        });
    return due;
  }

  void succeeded(TopicPartition partition) {
    waiting.remove(partition);
  }

  int count() {
    return waiting.size();
  }

  void clear() {
    waiting.clear();
  }

  /**
   * Whether retrying cannot help: the record itself is at fault. Besides what handlers declare
   * unprocessable, the exceptions of code meeting data it cannot take (a null where a value must
   * be, a wrong type, an index or number out of range) fail the same way every time, and a record
   * that raised one would hold its partition for ever.
   */
  static boolean isUnprocessable(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof UnprocessableRecordException
        || cause instanceof IllegalArgumentException
        || cause instanceof NullPointerException
        || cause instanceof ClassCastException
        || cause instanceof IndexOutOfBoundsException
        || cause instanceof ArithmeticException;
  }
}
