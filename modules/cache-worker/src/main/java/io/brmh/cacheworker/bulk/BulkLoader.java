package io.brmh.cacheworker.bulk;

import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.ItemJson;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * ahead of the writes ({@link ScanAhead}), each page written while the next is read and converted
 * ({@link BulkPageWriter}), with the checkpoint reached before it. Memory holds three pages plus
 * fewer than {@code recordsPerKey} carried items, whatever the table's size. A load that is stopped (shutdown,
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
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    BulkCheckpoint checkpoint = checkpoints.load(keys, request.jobId()).orElse(new BulkCheckpoint(request.jobId(), null, 0, 0, null));
    // The first page and the table's description are on their way while the job starts.
    ScanAhead scan = new ScanAhead(dynamo, request.table(), PAGE_SIZE, ScanKeys.decode(checkpoint.pageStartKey()), scans);
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

  private Outcome load(CacheTableRequested request, CacheKeys keys, BulkIndexSwap swap, BulkCheckpoint checkpoint, ScanAhead scan,
      TableDescription table, BooleanSupplier stop) {
    List<String> keyAttributes = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    BulkCounters counters = BulkCounters.from(checkpoint.counters());
    BulkPageWriter writer = new BulkPageWriter(redis, keys, request.jobId(), request.ttlSeconds() == null ? 0 : request.ttlSeconds(),
        checkpoints, swap.liveCacheExists(request.recordsPerKey() > 1));
    long runStart = System.nanoTime();
    long elapsedBefore = counters.elapsedMs;
    long nextUnit = checkpoint.nextUnit();
    int skip = checkpoint.offsetInPage();
    Deque<Carried> carried = new ArrayDeque<>();
    long cancelCheckDue = 0;
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
            end(keys, swap);
            jobs.cancelled(request.jobId());
            return Outcome.JOB_ENDED;
          }
          cancelCheckDue = System.nanoTime() + CANCEL_CHECK_INTERVAL_NANOS;
        }
        ScanAhead.Page page = scan.take();
        carry(page, skip, keyAttributes, carried);
        skip = 0;
        boolean lastPage = page.isLast();
        List<CacheUnit> units = new ArrayList<>();
        nextUnit = takeUnits(request, keys, carried, lastPage, nextUnit, units);
        writer.write(units, counters, positionAfter(page, carried, nextUnit));
        counters.elapsedMs = elapsedBefore + (System.nanoTime() - runStart) / 1_000_000;
        jobs.progress(request.jobId(), counters.totalRecords, table.itemCount(), "items");
        if (lastPage) {
          break;
        }
      }
    } finally {
      writer.finish(counters); // also when a page failed: staging indexes are dropped only after the last pipeline ran
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

  /** Adds the page's items from {@code skip} on to the carried ones, as their cached text. */
  private static void carry(ScanAhead.Page page, int skip, List<String> keyAttributes, Deque<Carried> carried) {
    List<Map<String, AttributeValue>> items = page.response().items();
    for (int i = skip; i < items.size(); i++) {
      Map<String, AttributeValue> item = items.get(i);
      carried.add(new Carried(page.startKey(), i, ItemIds.ofItem(item, keyAttributes).orElse(null), ItemJson.write(item)));
    }
  }

  /** Where a load resumes once the units taken so far are written: at the first carried item, or after the page. */
  private static BulkCheckpoint.Position positionAfter(ScanAhead.Page page, Deque<Carried> carried, long nextUnit) {
    Carried next = carried.peekFirst();
    return next != null
        ? new BulkCheckpoint.Position(ScanKeys.encode(next.pageStart()), next.index(), nextUnit)
        : new BulkCheckpoint.Position(ScanKeys.encode(page.response().lastEvaluatedKey()), 0, nextUnit);
  }

  /**
   * Moves complete units out of the carried items: every item in item mode, groups of {@code
   * recordsPerKey} in chunk mode, plus the shorter last group after the last page.
   *
   * @return the next unit number
   */
  private static long takeUnits(CacheTableRequested request, CacheKeys keys, Deque<Carried> carried, boolean lastPage, long nextUnit,
      List<CacheUnit> units) {
    int perKey = request.recordsPerKey();
    if (perKey == 1) {
      while (!carried.isEmpty()) {
        Carried item = carried.pollFirst();
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
        Carried item = carried.pollFirst();
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

  /**
   * A scanned item not yet in a written key, as its cached text, with where it was found.
   *
   * @param id the item's id, null when it has none (item mode then keys it by its ordinal)
   */
  private record Carried(Map<String, AttributeValue> pageStart, int index, String id, String json) {}
}
