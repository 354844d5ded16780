package io.brmh.cacheworker.log;

import io.brmh.cacheworker.bulk.BulkLoader;
import io.brmh.cacheworker.change.CacheClearer;
import io.brmh.cacheworker.change.ChangeApplier;
import io.brmh.cacheworker.change.UnplaceableChangeException;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.MalformedEnvelopeException;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.kafka.EnvelopeRecords;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Maps table-log records onto the change applier, a bulk load or a clear, and classifies what went wrong. */
@Singleton
class TableLogHandler {
  private final EnvelopeRecords records;
  private final ChangeApplier changes;
  private final BulkLoader bulkLoader;
  private final CacheClearer clearer;
  /** Bulk loads run beside the consumer thread, which keeps polling so the group never rebalances. */
  private final ExecutorService bulkLoads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bulk-load");
    thread.setDaemon(true);
    return thread;
  });

  TableLogHandler(EnvelopeRecords records, ChangeApplier changes, BulkLoader bulkLoader, CacheClearer clearer) {
    this.records = records;
    this.changes = changes;
    this.bulkLoader = bulkLoader;
    this.clearer = clearer;
  }

  /** A record read: a change, a bulk request, or something that can never be handled. */
  sealed interface Parsed {
    ConsumerRecord<String, byte[]> record();

    record Change(ConsumerRecord<String, byte[]> record, TableItemChanged change) implements Parsed {}

    record Bulk(ConsumerRecord<String, byte[]> record, CacheTableRequested request) implements Parsed {}

    record Clear(ConsumerRecord<String, byte[]> record, CacheClearRequested request) implements Parsed {}

    record Unreadable(ConsumerRecord<String, byte[]> record, Exception cause) implements Parsed {}
  }

  Parsed parse(ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = records.fromRecord(record);
    } catch (MalformedEnvelopeException | UncheckedIOException unreadable) {
      return new Parsed.Unreadable(record, unreadable);
    }
    if (envelope.payload() instanceof TableItemChanged change) {
      return new Parsed.Change(record, change);
    }
    if (envelope.payload() instanceof CacheTableRequested request) {
      return new Parsed.Bulk(record, request);
    }
    if (envelope.payload() instanceof CacheClearRequested clear) {
      return new Parsed.Clear(record, clear);
    }
    return new Parsed.Unreadable(record, new IllegalArgumentException(envelope.attributes().type().wireName() + " does not belong on the table log"));
  }

  /** Applies consecutive changes as one batch. Throws when any of them fails; then none counts as done. */
  void applyBatch(List<TableItemChanged> batch) {
    changes.applyAll(batch);
  }

  HandlingResult handle(Parsed parsed) {
    if (parsed instanceof Parsed.Change change) {
      try {
        changes.apply(change.change());
        return new HandlingResult.Done();
      } catch (UnplaceableChangeException | IllegalArgumentException never) {
        return new HandlingResult.Poison(never);
      } catch (RuntimeException maybeLater) {
        return new HandlingResult.Retry(maybeLater);
      }
    }
    if (parsed instanceof Parsed.Clear clear) {
      try {
        clearer.clear(clear.request());
        return new HandlingResult.Done();
      } catch (RuntimeException maybeLater) {
        return new HandlingResult.Retry(maybeLater);
      }
    }
    if (parsed instanceof Parsed.Bulk bulk) {
      AtomicBoolean stop = new AtomicBoolean();
      return new HandlingResult.BulkStarted(CompletableFuture.supplyAsync(() -> bulkLoader.run(bulk.request(), stop::get), bulkLoads), stop);
    }
    return new HandlingResult.Poison(((Parsed.Unreadable) parsed).cause());
  }

  @PreDestroy
  void shutdown() {
    bulkLoads.shutdownNow();
  }
}
