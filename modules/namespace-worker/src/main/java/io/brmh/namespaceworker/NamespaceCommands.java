package io.brmh.namespaceworker;

import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.ordered.OrderedHandler;
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

  private final ExecutorService running =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "namespace-command");
            thread.setDaemon(true);
            return thread;
          });

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
    Runnable job;
    if (command.payload() instanceof NamespaceDeleteRequested delete) {
      job = () -> deletion.run(delete, stopRequested);
    } else if (command.payload() instanceof NamespaceDuplicateRequested duplicate) {
      job = () -> duplication.run(duplicate, stopRequested);
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

  /**
   * A command that can never be carried out fails its job, and the namespace it marked is ready
   * again, so that neither waits for ever.
   */
  @Override
  public void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {
    Header jobIdHeader = record.headers().lastHeader(CloudEventHeaders.JOB_ID);
    if (jobIdHeader == null) {
      return;
    }
    String jobId = new String(jobIdHeader.value(), StandardCharsets.UTF_8);
    jobs.fail(
        jobId,
        new JobEvent.Problem(
            "https://brmh.io/problems/unprocessable-command",
            "Unprocessable Content",
            422,
            "The request could never be carried out; it is kept on " + record.topic() + ".dlq."));
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
    running.shutdownNow();
  }
}
