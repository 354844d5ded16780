package io.brmh.gateway.jobs;

import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.job.JobEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Requests waiting (Prefer: wait) for jobs to end, completed by the job events of this instance.
 */
@Singleton
class JobWaiters implements JobEventSink {
  private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  /**
   * Completes when an end event of the job arrives. Call {@link #forget} when no longer waiting.
   */
  CompletableFuture<Void> awaitEnd(String jobId) {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    waiting.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(ended);
    return ended;
  }

  void forget(String jobId, CompletableFuture<Void> waiter) {
    waiting.computeIfPresent(
        jobId,
        (id, waiters) -> {
          waiters.remove(waiter);
          return waiters.isEmpty() ? null : waiters;
        });
  }

  @Override
  public void onJobEvent(EnvelopeAttributes attributes, JobEvent event) {
    if (event.status().isTerminal()) {
      List<CompletableFuture<Void>> waiters = waiting.remove(event.jobId());
      if (waiters != null) {
        waiters.forEach(waiter -> waiter.complete(null));
      }
    }
  }
}
