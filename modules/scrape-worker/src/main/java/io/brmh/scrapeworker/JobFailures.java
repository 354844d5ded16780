package io.brmh.scrapeworker;

import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.dynamodb.DynamoDbFailures;
import io.brmh.platform.ordered.UnprocessableRecordException;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.scrapeworker.describe.ImportProblem;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Tells a job's failures that will never go away (a refused address, a broken description, an item
 * DynamoDB refuses, a 4xx of BRMH's own checks) from those that will (DynamoDB throttling or
 * unavailable, Kafka down): the first end the job failed with the reason; the second go back to the
 * ordered consumer, which tries the command again later. What fails the same way every time (a
 * null, a wrong type) ends the job too, rather than its command on the dead-letter topic.
 */
public final class JobFailures {
  private static final Logger LOG = LoggerFactory.getLogger(JobFailures.class);

  private JobFailures() {}

  /** The problem a job ends with, or empty when the failure is worth another try. */
  public static Optional<JobEvent.Problem> permanent(RuntimeException failure, String table) {
    if (failure instanceof ImportProblem problem) {
      return Optional.of(problem.toJobProblem());
    }
    RuntimeException mapped =
        failure instanceof DynamoDbException refused
            ? DynamoDbFailures.mapped(table, "item", refused)
            : failure;
    if (mapped instanceof ProblemException problem && problem.status().getCode() < 500) {
      Problem shown = problem.toProblem(null);
      return Optional.of(
          new JobEvent.Problem(shown.type(), shown.title(), shown.status(), shown.detail()));
    }
    if (UnprocessableRecordException.covers(failure)) {
      // The same every time: the job ends here rather than its command on the dead-letter topic,
      // so that whoever waits for its end (the caller, a webhook) hears of it. The message stays
      // in the log: it may quote what the API sent.
      LOG.warn("A job meets something it cannot handle; it fails", failure);
      return Optional.of(
          new JobEvent.Problem(
              "https://brmh.io/problems/unprocessable",
              "Unprocessable Content",
              422,
              "The job met data it cannot handle ("
                  + failure.getClass().getSimpleName()
                  + "); the worker's log has the details."));
    }
    return Optional.empty();
  }
}
