package io.brmh.streambridge;

/**
 * How many more shard leases this instance may take in one round: its fair share of the open shards
 * (their number divided by the live instances, rounded up) minus what it holds. Instances never
 * take a shard a live instance holds; one that holds more than its share gives the excess back, so
 * an instance that joins gets work within a round or two. The reader threads of a round share one
 * budget.
 */
final class LeaseBudget {
  private int available;

  LeaseBudget(int available) {
    this.available = Math.max(0, available);
  }

  static int fairShare(int openShards, int liveInstances) {
    return (openShards + liveInstances - 1) / Math.max(1, liveInstances);
  }

  synchronized boolean take() {
    if (available == 0) {
      return false;
    }
    available--;
    return true;
  }

  synchronized void giveBack() {
    available++;
  }
}
