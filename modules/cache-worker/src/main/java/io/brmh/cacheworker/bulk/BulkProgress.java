package io.brmh.cacheworker.bulk;

import io.brmh.platform.jobs.JobRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load's progress reports, sent beside the load: each one is a write to the jobs table and
 * an event, which on the load's own thread would hold up the next page by their round trips. One
 * report at a time; a report due while one is on its way is left out, as the registry's throttle
 * would mostly drop it anyway.
 */
final class BulkProgress {
  private static final Logger LOG = LoggerFactory.getLogger(BulkProgress.class);

  private final JobRegistry jobs;
  private final String jobId;
  private final Long total;
  private final Executor executor;
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

  /**
   * @param total the items expected, null when unknown
   */
  BulkProgress(JobRegistry jobs, String jobId, Long total, Executor executor) {
    this.jobs = jobs;
    this.jobId = jobId;
    this.total = total;
    this.executor = executor;
  }

  void report(long done) {
    if (inFlight.isDone()) {
      inFlight =
          CompletableFuture.runAsync(() -> jobs.progress(jobId, done, total, "items"), executor);
    }
  }

  /**
   * Waits for the report on its way, so that no progress event follows the job's end. A report that
   * failed is logged and not retried: the end the caller is about to record supersedes it.
   */
  void settle() {
    try {
      inFlight.join();
    } catch (CompletionException failed) {
      LOG.warn("A progress report of job {} failed: {}", jobId, failed.getCause().toString());
    }
  }
}
