package io.brmh.cacheworker.bulk;

import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemJson;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.micronaut.context.annotation.Value;
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
 * Caches a whole table with a strongly consistent scan in pages ({@code brmh.cache-worker.page-size},
 * 1,000 items by default) and parallel segments ({@code brmh.cache-worker.scan-segments}, 4 by
 * default; {@link SegmentedScan}) whose pages are taken in turn: a chunk holds items in that order,
 * which like the original's scan order means nothing but is the same on a re-run of an unchanged
 * table, so unchanged chunks are found as duplicates. Each segment reads ahead of the writes
 * ({@link ScanAhead}); each page is written while the next is converted ({@link BulkPageWriter}),
 * with the checkpoint reached before it; progress is reported beside the load ({@link
 * BulkProgress}). Memory holds three pages per segment plus one being written and fewer than
 * {@code recordsPerKey} carried items, whatever the table's size. A load that is stopped (shutdown,
 * rebalance) saves its checkpoint and resumes from it when its request is delivered again; one
 * killed resumes from the checkpoint of a page before and rewrites that page.
 */
@Singleton
public class BulkLoader {
  /** Asking the jobs table whether to cancel costs a read, which competes with the scan: twice a second is soon enough. */
  private static final long CANCEL_CHECK_INTERVAL_NANOS = 500_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

  /** How a run ended: the job ended (any way), or the load stopped and will resume from its checkpoint. */
  public enum Outcome { JOB_ENDED, STOPPED }

  private final DynamoDbClient dynamo;
  private final RedissonClient redis;
  private final JobRegistry jobs;
  private final BulkCheckpoints checkpoints;
  private final InternalTables internal;
  /** Scan page limit of a new load: memory against round trips. */
  private final int pageSize;
  /** Parallel scan segments of a new load. */
  private final int scanSegments;
  private final ExecutorService scans = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bulk-scan");
    thread.setDaemon(true);
    return thread;
  });

  BulkLoader(DynamoDbClient dynamo, RedissonClient redis, JobRegistry jobs, BulkCheckpoints checkpoints, InternalTables internal,
      @Value("${brmh.cache-worker.page-size:1000}") int pageSize, @Value("${brmh.cache-worker.scan-segments:4}") int scanSegments) {
    if (pageSize < 1 || scanSegments < 1) {
      throw new IllegalArgumentException("brmh.cache-worker.page-size and scan-segments must be at least 1, not " + pageSize + " and "
          + scanSegments);
    }
    this.pageSize = pageSize;
    this.scanSegments = scanSegments;
    this.dynamo = dynamo;
    this.redis = redis;
    this.jobs = jobs;
    this.checkpoints = checkpoints;
    this.internal = internal;
  }

  /** @param stop asked between pages; true means save the checkpoint and return {@link Outcome#STOPPED} */
  public Outcome run(CacheTableRequested request, BooleanSupplier stop) {
    if (internal.isInternal(request.table())) { // the gateway refuses them; a request queued before it did is refused here
      jobs.fail(request.jobId(), new JobEvent.Problem("https://brmh.io/problems/internal-table", "Forbidden", 403,
          "Table " + request.table() + " belongs to BRMH itself and is never cached."));
      return Outcome.JOB_ENDED;
    }
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    // A resumed load keeps the page size and segments it started with.
    BulkCheckpoint checkpoint = checkpoints.load(keys, request.jobId())
        .orElse(BulkCheckpoint.start(request.jobId(), pageSize, scanSegments));
    // The first pages and the table's description are on their way while the job starts.
    SegmentedScan scan = new SegmentedScan(dynamo, request.table(), checkpoint.pageSize(), checkpoint.segments(), scans);
    CompletableFuture<TableDescription> table = CompletableFuture.supplyAsync(
        () -> dynamo.describeTable(b -> b.tableName(request.table())).table(), scans);
    if (jobs.start(request.jobId()).isEmpty()) {
      // Not accepted any more: cancelled before it started, ended, or a redelivery of a load that runs on here.
      Optional<Job> job = jobs.find(request.jobId());
      if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
        return Outcome.JOB_ENDED;
      }
    }
    BulkIndexSwap swap = new BulkIndexSwap(redis, keys, request.jobId());
    try {
      return load(request, keys, swap, checkpoint, scan, table.join(), stop);
    } catch (CompletionException described) {
      return failed(request, keys, swap, described.getCause() instanceof RuntimeException cause ? cause : described);
    } catch (RuntimeException failure) {
      return failed(request, keys, swap, failure);
    }
  }

  private Outcome failed(CacheTableRequested request, CacheKeys keys, BulkIndexSwap swap, RuntimeException failure) {
    if (failure instanceof ResourceNotFoundException) {
      end(keys, swap);
      jobs.fail(request.jobId(), new JobEvent.Problem("https://brmh.io/problems/table-not-found", "Not Found", 404,
          "Table " + request.table() + " does not exist."));
      return Outcome.JOB_ENDED;
    }
    LOG.error("Bulk load of {} for job {} failed", request.table(), request.jobId(), failure);
    end(keys, swap);
    jobs.fail(request.jobId(), new JobEvent.Problem("https://brmh.io/problems/bulk-cache-failed", "Internal Server Error", 500,
        "Caching " + request.table() + " failed: " + failure.getClass().getSimpleName() + "."));
    return Outcome.JOB_ENDED;
  }

  private Outcome load(CacheTableRequested request, CacheKeys keys, BulkIndexSwap swap, BulkCheckpoint checkpoint, SegmentedScan scan,
      TableDescription table, BooleanSupplier stop) {
    List<String> keyAttributes = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    BulkCounters counters = BulkCounters.from(checkpoint.counters());
    BulkPageWriter writer = new BulkPageWriter(redis, keys, request.jobId(), request.ttlSeconds() == null ? 0 : request.ttlSeconds(),
        checkpoints, swap.liveCacheExists(request.recordsPerKey() > 1));
    long runStart = System.nanoTime();
    long elapsedBefore = counters.elapsedMs;
    long nextUnit = checkpoint.nextUnit();
    CarriedItems carried = new CarriedItems(checkpoint.segments());
    long cancelCheckDue = 0;
    BulkProgress progress = new BulkProgress(jobs, request.jobId(), table.itemCount(), scans);
    try {
      while (true) {
        if (stop.getAsBoolean()) {
          BulkCheckpoint reached = writer.finish(counters);
          if (reached != null) {
            checkpoints.save(keys, reached);
          }
          return Outcome.STOPPED;
        }
        if (System.nanoTime() - cancelCheckDue >= 0) {
          if (jobs.isCancelRequested(request.jobId())) {
            writer.finish(counters); // before dropping the staging indexes its last page still adds to
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
        nextUnit = takeUnits(request, keys, carried, lastPage, nextUnit, units);
        writer.write(units, counters, new BulkCheckpoint.Position(checkpoint.pageSize(), carried.positions(), nextUnit));
        counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
        progress.report(counters.totalRecords);
        if (lastPage) {
          break;
        }
      }
    } finally {
      writer.finish(counters); // also when a page failed: staging indexes are dropped only after the last pipeline ran
      progress.settle();
    }
    counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
    if (request.recordsPerKey() == 1) {
      swap.completeItemMode();
    } else {
      swap.completeChunkMode(nextUnit);
    }
    checkpoints.delete(keys);
    jobs.succeed(request.jobId(), counters.toResult(request.project(), request.table()),
        new JobEvent.Progress(counters.totalRecords, counters.totalRecords, "items"));
    return Outcome.JOB_ENDED;
  }

  /**
   * Moves complete units out of the carried items: every item in item mode, groups of {@code
   * recordsPerKey} in chunk mode, plus the shorter last group after the last page.
   *
   * @return the next unit number
   */
  private static long takeUnits(CacheTableRequested request, CacheKeys keys, CarriedItems carried, boolean lastPage, long nextUnit,
      List<CacheUnit> units) {
    int perKey = request.recordsPerKey();
    if (perKey == 1) {
      while (!carried.isEmpty()) {
        CarriedItems.Item item = carried.poll();
        String id = item.id() != null ? item.id() : Long.toString(nextUnit);
        units.add(new CacheUnit(keys.item(id), item.json(), List.of(id), 1, -1));
        nextUnit++;
      }
      return nextUnit;
    }
    while (carried.size() >= perKey || (lastPage && !carried.isEmpty())) {
      List<String> texts = new ArrayList<>(perKey);
      List<String> ids = new ArrayList<>(perKey);
      while (texts.size() < perKey && !carried.isEmpty()) {
        CarriedItems.Item item = carried.poll();
        texts.add(item.json());
        if (item.id() != null) {
          ids.add(item.id());
        }
      }
      units.add(new CacheUnit(keys.chunk(nextUnit), ItemJson.writeArray(texts), ids, texts.size(), nextUnit));
      nextUnit++;
    }
    return nextUnit;
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
