package io.brmh.platform.ordered;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.table.TableItemChanged;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a worker does with the records of its topic, for {@link OrderedConsumer}. Both methods must
 * be idempotent: delivery is at least once, and a record is delivered again after any failure.
 */
public interface OrderedHandler {

  /**
   * Applies consecutive changes in order. Throws when any failed; then none counts as applied and
   * they are delivered again. An {@link UnprocessableRecordException} (or {@link
   * IllegalArgumentException}) says a change can never be applied.
   */
  default void applyChanges(List<TableItemChanged> changes) {
    throw new UnprocessableRecordException("this worker's topic carries no table changes");
  }

  /**
   * Starts a command's work, which runs beside the consumer while the partition waits. The future
   * ends {@link CommandOutcome#DONE} (committed), {@link CommandOutcome#STOPPED} when {@code
   * stopRequested} turned true (not committed: the next owner runs it again), or exceptionally (a
   * passing failure: run again after a backoff; unprocessable: dead-lettered).
   */
  CompletableFuture<CommandOutcome> start(Envelope<?> command, BooleanSupplier stopRequested);

  /**
   * A record went to the dead-letter topic, after the handler or the consumer found it can never be
   * handled. A handler ends the job a command carried here (the job id header survives an
   * unreadable payload), so that no job waits for ever on a record nobody will handle.
   */
  default void deadLettered(ConsumerRecord<String, byte[]> record, Throwable cause) {}

  /** How a command's work ended. */
  enum CommandOutcome {
    DONE,
    STOPPED
  }
}
