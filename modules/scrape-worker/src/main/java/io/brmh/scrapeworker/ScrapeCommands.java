package io.brmh.scrapeworker;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.platform.jobs.CommandJobs;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.ordered.OrderedHandler;
import io.brmh.scrapeworker.execute.PaginatedExecution;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The scrape worker's part of {@code brmh.scrape-commands}: every record is a job (an import or a
 * paginated execution), run beside the consumer thread while the namespace's partition waits.
 */
@Singleton
class ScrapeCommands implements OrderedHandler {
  private final DescriptionImport imports;
  private final PaginatedExecution executions;
  private final JobRegistry jobs;
  private final CommandJobs running = new CommandJobs("scrape-command");

  ScrapeCommands(DescriptionImport imports, PaginatedExecution executions, JobRegistry jobs) {
    this.imports = imports;
    this.executions = executions;
    this.jobs = jobs;
  }

  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    if (command.payload() instanceof ScrapeImportRequested request) {
      return running.run(() -> imports.run(request, stopRequested));
    }
    if (command.payload() instanceof ScrapeExecutionRequested request) {
      return running.run(() -> executions.run(request, stopRequested));
    }
    return CompletableFuture.completedFuture(CommandOutcome.DONE);
  }

  /** A command that can never be carried out fails its job, so that nobody waits for ever. */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    CommandJobs.failDeadLettered(jobs, record);
  }

  @PreDestroy
  void shutdown() {
    running.close();
  }
}
