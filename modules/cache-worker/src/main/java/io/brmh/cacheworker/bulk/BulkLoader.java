package io.brmh.cacheworker.bulk;

import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Caches a whole table: one sequential, strongly consistent scan in pages of {@value #PAGE_SIZE}
 * items (sequential because chunk contents follow scan order, as clients expect), read one page
 * ahead of the writes ({@link ScanAhead}), each page written in one pipelined Redis round trip
 * that also saves the checkpoint reached before it. Memory holds two pages plus fewer than {@code
 * recordsPerKey} carried items, whatever the table's size. A load that is stopped (shutdown,
 * rebalance) saves its checkpoint and resumes from it when its request is delivered again; one
 * killed resumes from the checkpoint of a page before and rewrites that page.
 */
@Singleton
public class BulkLoader {
  static final int PAGE_SIZE = 1000;
  /** Asking the jobs table whether to cancel costs a read, which competes with the scan: twice a second is soon enough. */
  private static final long CANCEL_CHECK_INTERVAL_NANOS = 500_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

  /** How a run ended: the job ended (any way), or the load stopped and will resume from its checkpoint. */
  public enum Outcome { JOB_ENDED, STOPPED }

  private final DynamoDbClient dynamo;
  private final RedissonClient redis;
  private final JobRegistry jobs;
  private final BulkCheckpoints checkpoints;
  private final ExecutorService scans = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bulk-scan");
    thread.setDaemon(true);
    return thread;
  });

  BulkLoader(DynamoDbClient dynamo, RedissonClient redis, JobRegistry jobs, BulkCheckpoints checkpoints) {
    this.dynamo = dynamo;
    this.redis = redis;
    this.jobs = jobs;
    this.checkpoints = checkpoints;
  }

  /** @param stop asked between pages; true means save the checkpoint and return {@link Outcome#STOPPED} */
  public Outcome run(CacheTableRequested request, BooleanSupplier stop) {
    Optional<Job> job = jobs.find(request.jobId());
    if (job.isEmpty() || job.get().status().isTerminal()) {
      return Outcome.JOB_ENDED; // already done: this is a redelivery
    }
    if (job.get().status() == io.brmh.contracts.job.JobStatus.ACCEPTED && jobs.start(request.jobId()).isEmpty()) {
      return Outcome.JOB_ENDED; // cancelled before it started
    }
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    BulkIndexSwap swap = new BulkIndexSwap(redis, keys, request.jobId());
    try {
      return load(request, keys, swap, stop);
    } catch (ResourceNotFoundException missing) {
      end(keys, swap);
      jobs.fail(request.jobId(), new JobEvent.Problem("https://brmh.io/problems/table-not-found", "Not Found", 404,
          "Table " + request.table() + " does not exist."));
      return Outcome.JOB_ENDED;
    } catch (RuntimeException failure) {
      LOG.error("Bulk load of {} for job {} failed", request.table(), request.jobId(), failure);
      end(keys, swap);
      jobs.fail(request.jobId(), new JobEvent.Problem("https://brmh.io/problems/bulk-cache-failed", "Internal Server Error", 500,
          "Caching " + request.table() + " failed: " + failure.getClass().getSimpleName() + "."));
      return Outcome.JOB_ENDED;
    }
  }

  private Outcome load(CacheTableRequested request, CacheKeys keys, BulkIndexSwap swap, BooleanSupplier stop) {
    TableDescription table = dynamo.describeTable(b -> b.tableName(request.table())).table();
    List<String> keyAttributes = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    BulkCheckpoint checkpoint = checkpoints.load(keys, request.jobId())
        .orElse(new BulkCheckpoint(request.jobId(), null, 0, 0, null));
    BulkCounters counters = BulkCounters.from(checkpoint.counters());
    BulkPageWriter writer = new BulkPageWriter(redis, keys, request.jobId(), request.ttlSeconds() == null ? 0 : request.ttlSeconds(),
        checkpoints);
    long runStart = System.nanoTime();
    long elapsedBefore = counters.elapsedMs;
    long nextUnit = checkpoint.nextUnit();
    ScanAhead scan = new ScanAhead(dynamo, request.table(), PAGE_SIZE, ScanKeys.decode(checkpoint.pageStartKey()), scans);
    int skip = checkpoint.offsetInPage();
    Deque<Carried> carried = new ArrayDeque<>();
    BulkCheckpoint unsaved = null;
    long cancelCheckDue = 0;
    while (true) {
      if (stop.getAsBoolean()) {
        if (unsaved != null) {
          checkpoints.save(keys, unsaved);
        }
        return Outcome.STOPPED;
      }
      if (System.nanoTime() - cancelCheckDue >= 0) {
        if (jobs.isCancelRequested(request.jobId())) {
          end(keys, swap);
          jobs.cancelled(request.jobId());
          return Outcome.JOB_ENDED;
        }
        cancelCheckDue = System.nanoTime() + CANCEL_CHECK_INTERVAL_NANOS;
      }
      ScanAhead.Page page = scan.take();
      List<Map<String, AttributeValue>> items = page.response().items();
      for (int i = skip; i < items.size(); i++) {
        carried.add(new Carried(page.startKey(), i, PlainValues.fromItem(items.get(i))));
      }
      skip = 0;
      boolean lastPage = page.isLast();
      List<CacheUnit> units = new ArrayList<>();
      nextUnit = takeUnits(request, keys, keyAttributes, carried, lastPage, nextUnit, units);
      writer.write(units, counters, unsaved);
      counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
      Carried next = carried.peekFirst();
      // Saved with the next page's writes, or on stop. A page that completed no unit leaves the
      // position where it was, so replacing an unsaved checkpoint with this one loses nothing.
      unsaved = next != null
          ? new BulkCheckpoint(request.jobId(), ScanKeys.encode(next.pageStart()), next.index(), nextUnit, counters.snapshot())
          : new BulkCheckpoint(request.jobId(), ScanKeys.encode(page.response().lastEvaluatedKey()), 0, nextUnit, counters.snapshot());
      jobs.progress(request.jobId(), counters.totalRecords, table.itemCount(), "items");
      if (lastPage) {
        break;
      }
    }
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
  private static long takeUnits(CacheTableRequested request, CacheKeys keys, List<String> keyAttributes, Deque<Carried> carried,
      boolean lastPage, long nextUnit, List<CacheUnit> units) {
    int perKey = request.recordsPerKey();
    if (perKey == 1) {
      while (!carried.isEmpty()) {
        Map<String, Object> item = carried.pollFirst().item();
        String id = ItemIds.of(item, keyAttributes).orElse(Long.toString(nextUnit));
        units.add(new CacheUnit(keys.item(id), JsJson.write(item), List.of(id), 1, -1));
        nextUnit++;
      }
      return nextUnit;
    }
    while (carried.size() >= perKey || (lastPage && !carried.isEmpty())) {
      List<Map<String, Object>> chunk = new ArrayList<>(perKey);
      List<String> ids = new ArrayList<>(perKey);
      while (chunk.size() < perKey && !carried.isEmpty()) {
        Map<String, Object> item = carried.pollFirst().item();
        chunk.add(item);
        ItemIds.of(item, keyAttributes).ifPresent(ids::add);
      }
      units.add(new CacheUnit(keys.chunk(nextUnit), JsJson.write(chunk), ids, chunk.size(), nextUnit));
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

  /** A scanned item not yet in a written key, with where it was found. */
  private record Carried(Map<String, AttributeValue> pageStart, int index, Map<String, Object> item) {}
}
