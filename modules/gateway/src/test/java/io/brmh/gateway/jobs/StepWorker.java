package io.brmh.gateway.jobs;

import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test worker that does what every BRMH worker does with a job: start it, report progress step by
 * step, check for cancellation between steps, and end it. A gated job stops after its first step
 * until the test opens its gate.
 */
@Singleton
class StepWorker {
  static final String JOB_TYPE = "test.steps";

  private final JobRegistry registry;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  StepWorker(JobRegistry registry) {
    this.registry = registry;
  }

  void run(Job job, int steps, boolean gated) {
    if (gated) {
      gates.put(job.id(), new CountDownLatch(1));
    }
    executor.execute(() -> work(job, steps));
  }

  void openGate(String jobId) {
    gates.get(jobId).countDown();
  }

  private void work(Job job, int steps) {
    if (registry.start(job.id()).isEmpty()) {
      return;
    }
    for (int step = 1; step <= steps; step++) {
      if (registry.isCancelRequested(job.id())) {
        registry.cancelled(job.id());
        return;
      }
      registry.progress(job.id(), step, (long) steps, "steps");
      awaitGate(job.id());
    }
    registry.succeed(job.id(), Map.of("steps", steps));
  }

  private void awaitGate(String jobId) {
    CountDownLatch gate = gates.get(jobId);
    try {
      if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate of " + jobId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
