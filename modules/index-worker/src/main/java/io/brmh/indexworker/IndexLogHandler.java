package io.brmh.indexworker;

import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.index.IndexDropRequested;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.jobs.CommandJobs;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.ordered.OrderedHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The index worker's part of the table log: changes into every index of their table, reindexes and
 * drops as commands the table's partition waits for; the cache's commands are none of its business.
 */
@Singleton
class IndexLogHandler implements OrderedHandler {
  private final IndexChanges changes;
  private final Reindexer reindexer;
  private final IndexDropper dropper;
  private final JobRegistry jobs;
  private final CommandJobs running = new CommandJobs("index-command");

  IndexLogHandler(
      IndexChanges changes, Reindexer reindexer, IndexDropper dropper, JobRegistry jobs) {
    this.changes = changes;
    this.reindexer = reindexer;
    this.dropper = dropper;
    this.jobs = jobs;
  }

  @Override
  public void applyChanges(List<TableItemChanged> batch) {
    changes.apply(batch);
  }

  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    if (command.payload() instanceof IndexReindexRequested request) {
      return running.run(() -> reindexer.run(request, stopRequested));
    }
    if (command.payload() instanceof IndexDropRequested request) {
      return running.run(() -> dropper.run(request));
    }
    return CompletableFuture.completedFuture(CommandOutcome.DONE);
  }

  /**
   * A reindex or drop that can never be done fails its job. Another worker's commands on this log
   * are left to their own worker, which reads the same record.
   */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
    String wireName = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
    if (MessageType.INDEX_REINDEX_REQUESTED.wireName().equals(wireName)
        || MessageType.INDEX_DROP_REQUESTED.wireName().equals(wireName)) {
      CommandJobs.failDeadLettered(jobs, record);
    }
  }

  @PreDestroy
  void shutdown() {
    running.close();
  }
}
