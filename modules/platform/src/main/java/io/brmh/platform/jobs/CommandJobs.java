package io.brmh.platform.jobs;

import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.ordered.OrderedHandler.CommandOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Runs a worker's commands as jobs beside the consumer thread, which keeps polling meanwhile (so a
 * long job never makes the group rebalance) while the command's partition waits; and ends the job
 * of a command that went to the dead-letter topic, so nobody waits for it for ever.
 */
public final class CommandJobs implements AutoCloseable {
  private final ExecutorService running;

  /**
   * @param threadName the name of the threads jobs run on ({@code scrape-command})
   */
  public CommandJobs(String threadName) {
    this.running =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs the job; it ends {@code STOPPED} when it stopped at a checkpoint of its own ({@link
   * JobSteps.Stopped}), so that the command runs again, from what is left, elsewhere.
   */
  public CompletableFuture<CommandOutcome> run(Runnable job) {
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
   * Fails the job a dead-lettered command carried.
   *
   * @return its id, or empty for a record without one
   */
  public static Optional<String> failDeadLettered(
      JobRegistry jobs, ConsumerRecord<String, byte[]> record) {
    Header jobIdHeader = record.headers().lastHeader(CloudEventHeaders.JOB_ID);
    if (jobIdHeader == null) {
      return Optional.empty();
    }
    String jobId = new String(jobIdHeader.value(), StandardCharsets.UTF_8);
    jobs.fail(
        jobId,
        new JobEvent.Problem(
            "https://brmh.io/problems/unprocessable-command",
            "Unprocessable Content",
            422,
            "The request could never be carried out; it is kept on " + record.topic() + ".dlq."));
    return Optional.of(jobId);
  }

  @Override
  public void close() {
    running.shutdownNow();
  }
}
