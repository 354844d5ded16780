package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.bulk.BulkLoader.Outcome;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheLoads;
import io.brmh.platform.jobs.JobRegistry;

/**
 * The end of a bulk load whose pages are all in Redis, in steps a crash may interrupt anywhere: the
 * swap ({@link BulkIndexSwap}) leaves the checkpoint in {@link BulkCheckpoint.Phase#SWAPPED}, from
 * which a resumed load only finishes what follows.
 */
final class BulkCompletion {
  private final JobRegistry jobs;
  private final BulkCheckpoints checkpoints;
  private final CacheLoads loads;

  BulkCompletion(JobRegistry jobs, BulkCheckpoints checkpoints, CacheLoads loads) {
    this.jobs = jobs;
    this.checkpoints = checkpoints;
    this.loads = loads;
  }

  /**
   * What is gone leaves the cache and the indexes are swapped, in one script with the checkpoint;
   * then {@link #succeed}.
   */
  Outcome complete(CacheTableRequested request, BulkIndexSwap swap, BulkCheckpoint written) {
    BulkCheckpoint swapped = written.in(BulkCheckpoint.Phase.SWAPPED, written.counters());
    if (request.recordsPerKey() == 1) {
      swap.completeItemMode(checkpoints.text(swapped));
    } else {
      swap.completeChunkMode(written.nextUnit(), checkpoints.text(swapped));
    }
    return succeed(request, swap, swapped);
  }

  /**
   * The new cache is live: the other strategy's keys go, the load is recorded (so that a cache
   * Redis loses later is noticed and rebuilt), then the job ends, then its checkpoint.
   */
  Outcome succeed(CacheTableRequested request, BulkIndexSwap swap, BulkCheckpoint swapped) {
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    swap.eraseOtherMode(request.recordsPerKey() > 1);
    loads.recordLoaded(keys, request.jobId());
    BulkCounters counters = BulkCounters.from(swapped.counters());
    jobs.succeed(
        request.jobId(),
        counters.toResult(request.project(), request.table(), request.reason()),
        new JobEvent.Progress(counters.totalRecords, counters.totalRecords, "items"));
    checkpoints.delete(keys);
    return Outcome.JOB_ENDED;
  }
}
