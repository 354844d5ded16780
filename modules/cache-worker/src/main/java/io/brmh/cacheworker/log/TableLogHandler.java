package io.brmh.cacheworker.log;

import io.brmh.cacheworker.bulk.BulkLoader;
import io.brmh.cacheworker.change.ChangeApplier;
import io.brmh.cacheworker.change.UnplaceableChangeException;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.MalformedEnvelopeException;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.kafka.EnvelopeRecords;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Maps a table-log record onto the change applier or a bulk load, and classifies what went wrong. */
@Singleton
class TableLogHandler {
  private final EnvelopeRecords records;
  private final ChangeApplier changes;
  private final BulkLoader bulkLoader;
  /** Bulk loads run beside the consumer thread, which keeps polling so the group never rebalances. */
  private final ExecutorService bulkLoads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bulk-load");
    thread.setDaemon(true);
    return thread;
  });

  TableLogHandler(EnvelopeRecords records, ChangeApplier changes, BulkLoader bulkLoader) {
    this.records = records;
    this.changes = changes;
    this.bulkLoader = bulkLoader;
  }

  HandlingResult handle(ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = records.fromRecord(record);
    } catch (MalformedEnvelopeException | UncheckedIOException unreadable) {
      return new HandlingResult.Poison(unreadable);
    }
    if (envelope.payload() instanceof TableItemChanged change) {
      try {
        changes.apply(change);
        return new HandlingResult.Done();
      } catch (UnplaceableChangeException | IllegalArgumentException never) {
        return new HandlingResult.Poison(never);
      } catch (RuntimeException maybeLater) {
        return new HandlingResult.Retry(maybeLater);
      }
    }
    if (envelope.payload() instanceof CacheTableRequested request) {
      AtomicBoolean stop = new AtomicBoolean();
      return new HandlingResult.BulkStarted(CompletableFuture.supplyAsync(() -> bulkLoader.run(request, stop::get), bulkLoads), stop);
    }
    return new HandlingResult.Poison(new IllegalArgumentException(envelope.attributes().type().wireName() + " does not belong on the table log"));
  }

  @PreDestroy
  void shutdown() {
    bulkLoads.shutdownNow();
  }
}
