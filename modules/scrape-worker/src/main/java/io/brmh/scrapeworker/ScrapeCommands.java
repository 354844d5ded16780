package io.brmh.scrapeworker;

import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.ordered.OrderedHandler;
import io.brmh.scrapeworker.execute.PaginatedExecution;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The scrape worker's part of {@code brmh.scrape-commands}: every record is a job, run beside the
 * consumer thread (which keeps polling, so a slow fetch never makes the group rebalance) while the
 * namespace's partition waits.
 */
@Singleton
class ScrapeCommands implements OrderedHandler {
  private final DescriptionImport imports;
  private final PaginatedExecution executions;
  private final JobRegistry jobs;

  private final ExecutorService running =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "scrape-command");
            thread.setDaemon(true);
            return thread;
          });

  ScrapeCommands(DescriptionImport imports, PaginatedExecution executions, JobRegistry jobs) {
    this.imports = imports;
    this.executions = executions;
    this.jobs = jobs;
  }

  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    Runnable job;
    if (command.payload() instanceof ScrapeImportRequested request) {
      job = () -> imports.run(request, stopRequested);
    } else if (command.payload() instanceof ScrapeExecutionRequested request) {
      job = () -> executions.run(request, stopRequested);
    } else {
      return CompletableFuture.completedFuture(CommandOutcome.DONE);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            job.run();
            return CommandOutcome.DONE;
          } catch (JobSteps.Stopped stopped) {
            return CommandOutcome.STOPPED;
          }
        },
        running);
  }

  /** A command that can never be carried out fails its job, so that nobody waits for ever. */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    Header jobIdHeader = record.headers().lastHeader(CloudEventHeaders.JOB_ID);
    if (jobIdHeader == null) {
      return;
    }
    jobs.fail(
        new String(jobIdHeader.value(), StandardCharsets.UTF_8),
        new JobEvent.Problem(
            "https://brmh.io/problems/unprocessable-command",
            "Unprocessable Content",
            422,
            "The request could never be carried out; it is kept on " + record.topic() + ".dlq."));
  }

  @PreDestroy
  void shutdown() {
    running.shutdownNow();
  }
}
