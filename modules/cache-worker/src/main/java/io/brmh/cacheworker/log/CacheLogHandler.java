package io.brmh.cacheworker.log;

import io.brmh.cacheworker.bulk.BulkLoader;
import io.brmh.cacheworker.change.CacheClearer;
import io.brmh.cacheworker.change.ChangeApplier;
import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.ordered.OrderedHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The cache worker's part of the table log: changes into every cache of their table, bulk loads and
 * clears as commands.
 */
@Singleton
class CacheLogHandler implements OrderedHandler {
  private final ChangeApplier changes;
  private final BulkLoader bulkLoader;
  private final CacheClearer clearer;
  private final JobRegistry jobs;

  /** Commands run beside the consumer thread, which keeps polling so the group never rebalances. */
  private final ExecutorService commands =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "cache-command");
            thread.setDaemon(true);
            return thread;
          });

  CacheLogHandler(
      ChangeApplier changes, BulkLoader bulkLoader, CacheClearer clearer, JobRegistry jobs) {
    this.jobs = jobs;
    this.changes = changes;
    this.bulkLoader = bulkLoader;
    this.clearer = clearer;
  }

  @Override
  public void applyChanges(List<TableItemChanged> batch) {
    changes.applyAll(batch);
  }

  /**
   * Bulk loads and clears; another worker's commands (reindex requests) are none of the cache's
   * business.
   */
  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    if (command.payload() instanceof CacheTableRequested request) {
      return CompletableFuture.supplyAsync(
          () ->
              bulkLoader.run(request, stopRequested) == BulkLoader.Outcome.STOPPED
                  ? CommandOutcome.STOPPED
                  : CommandOutcome.DONE,
          commands);
    }
    if (command.payload() instanceof CacheClearRequested request) {
      return CompletableFuture.supplyAsync(
          () -> {
            clearer.clear(request);
            return CommandOutcome.DONE;
          },
          commands);
    }
    return CompletableFuture.completedFuture(CommandOutcome.DONE);
  }

  /** A command that can never be done fails its job, so that no one waits for it. */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    Header jobId = record.headers().lastHeader(CloudEventHeaders.JOB_ID);
    if (jobId != null) {
      jobs.fail(
          new String(jobId.value(), StandardCharsets.UTF_8),
          new JobEvent.Problem(
              "https://brmh.io/problems/unprocessable-command",
              "Unprocessable Content",
              422,
              "The request could never be carried out; it is kept on " + record.topic() + ".dlq."));
    }
  }

  @PreDestroy
  void shutdown() {
    commands.shutdownNow();
  }
}
