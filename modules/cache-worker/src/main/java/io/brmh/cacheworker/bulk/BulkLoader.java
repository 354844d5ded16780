package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.CacheWorkerConfiguration;
import io.brmh.cacheworker.store.LegacyItemSets;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheLoads;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Caches a whole table with a strongly consistent scan in pages ({@code
 * brmh.cache-worker.page-size}, 1,000 items by default) and parallel segments ({@code
 * brmh.cache-worker.scan-segments}, 4 by default; {@link SegmentedScan}) whose pages are taken in
 * turn: a chunk holds items in that order, which like the original's scan order means nothing but
 * is the same on a re-run of an unchanged table, so unchanged chunks are found as duplicates. Each
 * segment reads ahead of the writes ({@link ScanAhead}); each page is written while the next is
 * converted ({@link BulkPageWriter}), with the checkpoint reached before it; progress is reported
 * beside the load ({@link BulkProgress}). Memory holds three pages per segment plus one being
 * written and fewer than {@code recordsPerKey} carried items, whatever the table's size. A load
 * that is stopped (shutdown, rebalance) saves its checkpoint and resumes from it when its request
 * is delivered again; one killed resumes from the checkpoint of a page before and rewrites that
 * page.
 */
@Singleton
public class BulkLoader {
  /**
   * Asking the jobs table whether to cancel costs a read, which competes with the scan: twice a
   * second is soon enough.
   */
  private static final long CANCEL_CHECK_INTERVAL_NANOS = 500_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

  /**
   * How a run ended: the job ended (any way), or the load stopped and will resume from its
   * checkpoint.
   */
  public enum Outcome {
    JOB_ENDED,
    STOPPED
  }

  private final DynamoDbClient dynamo;
  private final RedissonClient redis;
  private final JobRegistry jobs;
  private final BulkCheckpoints checkpoints;
  private final InternalTables internal;
  private final BulkCompletion completion;
  private final ActiveCacheConfigs configs;
  private final LegacyItemSets legacyItemSets;

  /** Scan page limit of a new load: memory against round trips. */
  private final int pageSize;

  /** Parallel scan segments of a new load. */
  private final int scanSegments;

  private final ExecutorService scans =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "bulk-scan");
            thread.setDaemon(true);
            return thread;
          });

  BulkLoader(
      DynamoDbClient dynamo,
      RedissonClient redis,
      JobRegistry jobs,
      BulkCheckpoints checkpoints,
      InternalTables internal,
      CacheLoads loads,
      ActiveCacheConfigs configs,
      CacheWorkerConfiguration configuration,
      LegacyItemSets legacyItemSets) {
    this.legacyItemSets = legacyItemSets;
    this.completion = new BulkCompletion(jobs, checkpoints, loads);
    this.configs = configs;
    this.pageSize = configuration.pageSize();
    this.scanSegments = configuration.scanSegments();
    this.dynamo = dynamo;
    this.redis = redis;
    this.jobs = jobs;
    this.checkpoints = checkpoints;
    this.internal = internal;
  }

  /**
   * Runs or resumes the load of a request.
   *
   * @param stop asked between pages; true means save the checkpoint and return {@link
   *     Outcome#STOPPED}
   * @throws RuntimeException when Redis, DynamoDB or the jobs table failed in a way that passes
   *     (unavailable, throttling, Redis at maxmemory): the job stays RUNNING, the checkpoint stays,
   *     and the table log delivers the request again after a wait, when the load resumes from its
   *     checkpoint
   */
  public Outcome run(CacheTableRequested request, BooleanSupplier stop) {
    if (internal.isInternal(
        request
            .table())) { // the gateway refuses them; a request queued before it did is refused here
      jobs.fail(
          request.jobId(),
          new JobEvent.Problem(
              "https://brmh.io/problems/internal-table",
              "Forbidden",
              403,
              "Table " + request.table() + " belongs to BRMH itself and is never cached."));
      return Outcome.JOB_ENDED;
    }
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    legacyItemSets.upgradeOnce(
        keys); // the swap finds what the table no longer holds in the ordered index
    // A resumed load keeps the page size and segments it started with.
    Optional<BulkCheckpoint> saved = checkpoints.load(keys, request.jobId());
    BulkCheckpoint checkpoint =
        saved.orElse(BulkCheckpoint.start(request.jobId(), pageSize, scanSegments));
    // The first pages and the table's description are on their way while the job starts.
    SegmentedScan scan =
        checkpoint.phaseOrPages() == BulkCheckpoint.Phase.PAGES
            ? new SegmentedScan(
                dynamo, request.table(), checkpoint.pageSize(), checkpoint.segments(), scans)
            : null;
    CompletableFuture<TableDescription> table =
        CompletableFuture.supplyAsync(
            () -> dynamo.describeTable(b -> b.tableName(request.table())).table(), scans);
    CompletableFuture<Boolean> configured =
        CompletableFuture.supplyAsync(
            () -> configs.isActiveAsOfNow(request.table(), request.project()), scans);
    if (jobs.start(request.jobId()).isEmpty()) {
      // Not accepted any more: cancelled before it started, ended, or a redelivery of a load that
      // runs on here.
      Optional<Job> job = jobs.find(request.jobId());
      if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
        jobs.announceEnd(request.jobId()); // its first end event may not have reached Kafka
        saved.ifPresent(
            left -> { // what the run that ended the job had no time to clear
              new BulkIndexSwap(redis, keys, request.jobId()).discardStaging();
              checkpoints.deleteIfStill(keys, left);
            });
        return Outcome.JOB_ENDED;
      }
    }
    BulkIndexSwap swap = new BulkIndexSwap(redis, keys, request.jobId());
    try {
      if (checkpoint.phaseOrPages() == BulkCheckpoint.Phase.PAGES && !awaited(configured)) {
        return configurationGone(request, keys, swap);
      }
      String fence = swap.takeFence(); // before anything of this run is written
      if (saved.isEmpty()) {
        swap.discardStaging(); // what an earlier run of this job built, if one lost its checkpoint
        swap.beginRun();
      }
      return switch (checkpoint.phaseOrPages()) {
        case PAGES -> load(request, keys, swap, fence, checkpoint, scan, awaited(table), stop);
        case PAGES_WRITTEN -> completion.complete(request, swap, checkpoint);
        case SWAPPED -> completion.succeed(request, swap, checkpoint);
      };
    } catch (ResourceNotFoundException notFound) {
      if (tableExists(request.table())) {
        throw notFound; // one of BRMH's own tables answered: a passing failure, not the caller's
        // table gone
      }
      swap.discardStaging();
      checkpoints.delete(keys);
      jobs.fail(
          request.jobId(),
          new JobEvent.Problem(
              "https://brmh.io/problems/table-not-found",
              "Not Found",
              404,
              "Table " + request.table() + " does not exist."));
      return Outcome.JOB_ENDED;
    } catch (RuntimeException passing) {
      LOG.warn(
          "Bulk load of {} for job {} broke off; it resumes from its checkpoint: {}",
          request.table(),
          request.jobId(),
          passing.toString());
      throw passing;
    }
  }

  /**
   * A load fails only when it can never succeed: its table or its configuration is gone. Nothing of
   * the live cache is deleted then, and its indexes stay as they were.
   */
  private Outcome configurationGone(
      CacheTableRequested request, CacheKeys keys, BulkIndexSwap swap) {
    swap.discardStaging();
    checkpoints.delete(keys);
    jobs.fail(
        request.jobId(),
        new JobEvent.Problem(
            "https://brmh.io/problems/cache-config-not-found",
            "Not Found",
            404,
            "No active cache configuration for project "
                + request.project()
                + " and table "
                + request.table()
                + " any more."));
    return Outcome.JOB_ENDED;
  }

  private boolean tableExists(String table) {
    try {
      dynamo.describeTable(b -> b.tableName(table));
      return true;
    } catch (ResourceNotFoundException gone) {
      return false;
    }
  }

  private static <T> T awaited(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
  }

  private Outcome load(
      CacheTableRequested request,
      CacheKeys keys,
      BulkIndexSwap swap,
      String fence,
      BulkCheckpoint checkpoint,
      SegmentedScan scan,
      TableDescription table,
      BooleanSupplier stop) {
    List<String> keyAttributes =
        table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    BulkCounters counters = BulkCounters.from(checkpoint.counters());
    BulkPageWriter writer =
        new BulkPageWriter(
            redis,
            keys,
            request.jobId(),
            request.ttlSeconds() == null ? 0 : request.ttlSeconds(),
            checkpoints,
            swap.liveCacheExists(request.recordsPerKey() > 1),
            fence);
    long runStart = System.nanoTime();
    long elapsedBefore = counters.elapsedMs;
    long nextUnit = checkpoint.nextUnit();
    CarriedItems carried = new CarriedItems(checkpoint.segments());
    long cancelCheckDue = 0;
    BulkProgress progress = new BulkProgress(jobs, request.jobId(), table.itemCount(), scans);
    try {
      while (!scan.isDone()) { // done at once only for a checkpoint saved after the last page
        if (stop.getAsBoolean()) {
          BulkCheckpoint reached = writer.finish(counters);
          if (reached != null) {
            checkpoints.save(keys, reached, fence);
          }
          return Outcome.STOPPED;
        }
        if (System.nanoTime() - cancelCheckDue >= 0) {
          if (jobs.isCancelRequested(request.jobId())) {
            writer.finish(
                counters); // before dropping the staging indexes its last page still adds to
            progress.settle();
            end(keys, swap);
            jobs.cancelled(request.jobId());
            return Outcome.JOB_ENDED;
          }
          cancelCheckDue = System.nanoTime() + CANCEL_CHECK_INTERVAL_NANOS;
        }
        SegmentedScan.Taken taken = scan.take();
        carried.add(taken, keyAttributes);
        boolean lastPage = scan.isDone();
        List<CacheUnit> units = new ArrayList<>();
        nextUnit =
            CacheUnit.take(request.recordsPerKey(), keys, carried, lastPage, nextUnit, units);
        writer.write(
            units,
            counters,
            new BulkCheckpoint.Position(checkpoint.pageSize(), carried.positions(), nextUnit));
        counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
        progress.report(counters.totalRecords);
      }
    } finally {
      writer.finish(
          counters); // also when a page failed: staging indexes are dropped only after the last
      // pipeline ran
      progress.settle();
    }
    counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
    BulkCheckpoint written =
        new BulkCheckpoint(
            request.jobId(),
            checkpoint.pageSize(),
            checkpoint.segments(),
            nextUnit,
            counters.snapshot(),
            BulkCheckpoint.Phase.PAGES_WRITTEN,
            BulkCheckpoint.FORMAT);
    checkpoints.save(keys, written, fence);
    return completion.complete(request, swap, written);
  }

  private void end(CacheKeys keys, BulkIndexSwap swap) {
    swap.discardStaging();
    checkpoints.delete(keys);
  }

  @PreDestroy
  void shutdown() {
    scans.shutdownNow();
  }
}
