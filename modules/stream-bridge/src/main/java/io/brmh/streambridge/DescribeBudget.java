package io.brmh.streambridge;

/**
 * A token bucket for DynamoDB Streams' DescribeStream calls, shared by every table of this
 * instance: at most {@code perSecond} a second on average, with a burst of one second's worth. A
 * table whose listing finds no token waits for a later round; nothing else waits.
 */
final class DescribeBudget {
  private final double perSecond;
  private double tokens;
  private long refilledAt;

  DescribeBudget(double perSecond) {
    this.perSecond = perSecond;
    this.tokens = Math.max(1, perSecond);
    this.refilledAt = System.nanoTime();
  }

  synchronized boolean tryTake() {
    long now = System.nanoTime();
    tokens = Math.min(Math.max(1, perSecond), tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }
}
