package io.brmh.namespaceworker;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.platform.jobs.CommandJobs;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.ordered.OrderedHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The namespace worker's part of {@code brmh.namespace-commands}: every record is a job, run beside
 * the consumer thread (which keeps polling, so a long copy never makes the group rebalance) while
 * the namespace's partition waits.
 */
@Singleton
class NamespaceCommands implements OrderedHandler {
  private final NamespaceDeletion deletion;
  private final NamespaceDuplication duplication;
  private final JobRegistry jobs;
  private final NamespaceStore namespaces;
  private final EnvelopeRecords envelopes;

  private final CommandJobs running = new CommandJobs("namespace-command");

  NamespaceCommands(
      NamespaceDeletion deletion,
      NamespaceDuplication duplication,
      JobRegistry jobs,
      NamespaceStore namespaces,
      EnvelopeRecords envelopes) {
    this.deletion = deletion;
    this.duplication = duplication;
    this.jobs = jobs;
    this.namespaces = namespaces;
    this.envelopes = envelopes;
  }

  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    if (command.payload() instanceof NamespaceDeleteRequested delete) {
      return running.run(() -> deletion.run(delete, stopRequested));
    }
    if (command.payload() instanceof NamespaceDuplicateRequested duplicate) {
      return running.run(() -> duplication.run(duplicate, stopRequested));
    }
    return CompletableFuture.completedFuture(CommandOutcome.DONE);
  }

  /**
   * A command that can never be carried out fails its job, and the namespace it marked is ready
   * again, so that neither waits for ever.
   */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    Optional<String> failed = CommandJobs.failDeadLettered(jobs, record);
    if (failed.isEmpty()) {
      return;
    }
    String jobId = failed.get();
    try {
      Object payload = envelopes.fromRecord(record).payload();
      if (payload instanceof NamespaceDeleteRequested delete) {
        namespaces.markReady(delete.namespaceId(), jobId);
      } else if (payload instanceof NamespaceDuplicateRequested duplicate) {
        namespaces.markReady(duplicate.copyId(), jobId);
      }
    } catch (RuntimeException unreadable) {
      // no namespace to name: none was marked by a command nobody can read
    }
  }

  @PreDestroy
  void shutdown() {
    running.close();
  }
}
