package io.brmh.platform.dynamodb;

import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes many items to a table in DynamoDB's batches of 25. DynamoDB may take part of a batch and
 * hand the rest back as unprocessed (throttling, a partition at its limit): those are sent again,
 * with a growing pause, until every write is taken or the attempts are used up. Nothing is reported
 * written that was not.
 */
@Singleton
public class BatchWrites {
  /** DynamoDB's most writes in one BatchWriteItem call. */
  public static final int BATCH = 25;

  /** Attempts per batch, the first included, before the request fails with 503. */
  public static final int ATTEMPTS = 8;

  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  private final Function<BatchWriteItemRequest, BatchWriteItemResponse> call;

  @jakarta.inject.Inject
  public BatchWrites(DynamoDbClient dynamo) {
    this(dynamo::batchWriteItem);
  }

  /** For a caller that stands between BRMH and DynamoDB, as tests that withhold writes do. */
  public BatchWrites(Function<BatchWriteItemRequest, BatchWriteItemResponse> call) {
    this.call = call;
  }

  /** What a batch write did: writes taken, and how many were sent again. */
  public record Outcome(int written, int resent) {}

  /**
   * @throws ProblemException 503 naming how many writes DynamoDB had not taken when the attempts
   *     ran out (the others are in the table)
   */
  public Outcome write(String table, List<WriteRequest> writes) {
    int written = 0;
    int resent = 0;
    for (int from = 0; from < writes.size(); from += BATCH) {
      List<WriteRequest> pending =
          new ArrayList<>(writes.subList(from, Math.min(writes.size(), from + BATCH)));
      Duration pause = FIRST_PAUSE;
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > ATTEMPTS) {
          throw new ProblemException(
              HttpStatus.SERVICE_UNAVAILABLE,
              "batch-not-taken",
              written
                  + " writes are in the table; DynamoDB did not take "
                  + (writes.size() - written)
                  + " others after "
                  + ATTEMPTS
                  + " attempts. Send those again later.");
        }
        if (attempt > 1) {
          resent += pending.size();
          pauseFor(pause);
          pause =
              pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                  ? LONGEST_PAUSE
                  : pause.multipliedBy(2);
        }
        List<WriteRequest> sent = pending;
        BatchWriteItemResponse response;
        try {
          response =
              DynamoDbFailures.mapped(
                  table,
                  "put",
                  () ->
                      call.apply(
                          BatchWriteItemRequest.builder()
                              .requestItems(Map.of(table, sent))
                              .build()));
        } catch (RuntimeException failed) {
          throw partlyWritten(failed, written, writes.size());
        }
        List<WriteRequest> left =
            response.hasUnprocessedItems()
                ? response.unprocessedItems().getOrDefault(table, List.of())
                : List.of();
        written += sent.size() - left.size();
        pending = new ArrayList<>(left);
      }
    }
    return new Outcome(written, resent);
  }

  /**
   * A call that failed after others were taken: the caller learns how many writes are in the table,
   * never that nothing happened.
   */
  private static RuntimeException partlyWritten(RuntimeException failed, int written, int all) {
    if (written == 0) {
      return failed;
    }
    String reason =
        failed instanceof ProblemException problem
            ? " The next call was refused: " + why(problem)
            : "";
    return new ProblemException(
        failed instanceof ProblemException problem
            ? problem.status()
            : HttpStatus.SERVICE_UNAVAILABLE,
        "batch-partly-written",
        written + " of " + all + " writes are in the table; the others were not made." + reason);
  }

  private static String why(ProblemException problem) {
    List<Problem.FieldError> errors = problem.toProblem("").errors();
    return errors == null || errors.isEmpty()
        ? problem.getMessage()
        : errors.stream().map(Problem.FieldError::message).collect(Collectors.joining("; "));
  }

  private static void pauseFor(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE, "batch-interrupted", "The server is stopping.");
    }
  }
}
