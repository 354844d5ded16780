package io.brmh.namespaceworker;

import io.brmh.platform.jobs.JobRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a namespace job did so far, by kind of thing ({@code methods}, {@code items}, …), reported
 * to its job as it goes (the registry drops reports closer together than its interval). A job asked
 * to stop (its partition moves, the worker shuts down) stops at the next thing it counts.
 */
final class Progress {
  private final JobRegistry jobs;
  private final String jobId;
  private final BooleanSupplier stopRequested;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long done;

  Progress(JobRegistry jobs, String jobId, BooleanSupplier stopRequested) {
    this.jobs = jobs;
    this.jobId = jobId;
    this.stopRequested = stopRequested;
  }

  /**
   * Counts {@code n} things of a kind done.
   *
   * @throws Stopped when the job was asked to stop: the next run does the rest
   */
  void count(String kind, long n) {
    counts.merge(kind, n, Long::sum);
    done += n;
    jobs.progress(jobId, done, null, "steps");
    if (stopRequested.getAsBoolean()) {
      throw new Stopped();
    }
  }

  /** The counts by kind, for the job's result. */
  Map<String, Object> counts() {
    return new LinkedHashMap<>(counts);
  }

  /** The job stopped at a checkpoint of its own; it runs again, from what is left, elsewhere. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
