package io.brmh.platform.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a worker's job did so far, by kind of thing ({@code methods}, {@code items}, …), reported to
 * its job as it goes (the registry drops reports closer together than its interval). A job asked to
 * stop (its partition moves, the worker shuts down) stops at the next thing it counts; a
 * cancellable one also stops there once a user asked to cancel it, looking at most once a second.
 */
public final class JobSteps {
  private static final Duration CANCEL_LOOK_INTERVAL = Duration.ofSeconds(1);

  private final JobRegistry jobs;
  private final String jobId;
  private final BooleanSupplier stopRequested;
  private final boolean cancellable;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long done;
  private long lastCancelLook = System.nanoTime();

  /**
   * @param cancellable whether a cancel request ends the job at its next step; a job whose
   *     half-done state would be worse than either end (a namespace half deleted) is not
   */
  public JobSteps(
      JobRegistry jobs, String jobId, BooleanSupplier stopRequested, boolean cancellable) {
    this.jobs = jobs;
    this.jobId = jobId;
    this.stopRequested = stopRequested;
    this.cancellable = cancellable;
  }

  /**
   * Counts {@code n} things of a kind done.
   *
   * @throws Stopped when the job was asked to stop: the next run does the rest
   * @throws Cancelled when a user asked to cancel the job
   */
  public void count(String kind, long n) {
    counts.merge(kind, n, Long::sum);
    done += n;
    jobs.progress(jobId, done, null, "steps");
    checkpoint();
  }

  /**
   * A point where the job may stop, without counting anything.
   *
   * @throws Stopped when the job was asked to stop
   * @throws Cancelled when a user asked to cancel the job
   */
  public void checkpoint() {
    if (stopRequested.getAsBoolean()) {
      throw new Stopped();
    }
    if (cancellable && System.nanoTime() - lastCancelLook >= CANCEL_LOOK_INTERVAL.toNanos()) {
      lastCancelLook = System.nanoTime();
      if (jobs.isCancelRequested(jobId)) {
        throw new Cancelled();
      }
    }
  }

  /** The job's last progress, for its end: the registry may have held the last reports back. */
  public io.brmh.contracts.job.JobEvent.Progress finalProgress() {
    return new io.brmh.contracts.job.JobEvent.Progress(done, done, "steps");
  }

  /** The counts by kind, for the job's result. */
  public Map<String, Object> counts() {
    return new LinkedHashMap<>(counts);
  }

  /** The job stopped at a checkpoint of its own; it runs again, from what is left, elsewhere. */
  public static final class Stopped extends RuntimeException {
    public Stopped() {
      super(null, null, false, false);
    }
  }

  /** A user asked to cancel the job, and it stopped at a checkpoint. */
  public static final class Cancelled extends RuntimeException {
    public Cancelled() {
      super(null, null, false, false);
    }
  }
}
