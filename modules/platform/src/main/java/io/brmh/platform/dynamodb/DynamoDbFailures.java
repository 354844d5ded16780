package io.brmh.platform.dynamodb;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * What a call on a user's table answers when DynamoDB refuses it: its input at fault is a 400
 * naming the field, a table gone (or not made yet) a 404, a table changing a 409, throttling and
 * account limits a 503 to try again. Anything else stays a server error, whose answer says nothing
 * of DynamoDB (a refused permission would name the account and role).
 */
public final class DynamoDbFailures {
  /** Seconds a client waits before trying a throttled call again. */
  private static final String RETRY_AFTER_SECONDS = "2";

  private static final Set<String> THROTTLED =
      Set.of(
          "ProvisionedThroughputExceededException",
          "RequestLimitExceeded",
          "ThrottlingException",
          "LimitExceededException");

  private DynamoDbFailures() {}

  /**
   * Runs the call, mapping DynamoDB's refusals; a failed condition is left to the caller.
   *
   * @param field the input DynamoDB's validation refers to
   * @throws ProblemException for the refusals above
   */
  public static <T> T mapped(String table, String field, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConditionalCheckFailedException conditionFailed) {
      throw conditionFailed;
    } catch (DynamoDbException refused) {
      throw mapped(table, field, refused);
    }
  }

  /** The answer to a refusal: a problem for those above, else the refusal itself. */
  public static RuntimeException mapped(String table, String field, DynamoDbException refused) {
    String code = refused.awsErrorDetails() == null ? "" : refused.awsErrorDetails().errorCode();
    if (refused instanceof ResourceNotFoundException) {
      return new ProblemException(
          HttpStatus.NOT_FOUND,
          "table-not-found",
          "There is no table " + table + ", or it is being made or dropped.");
    }
    if (refused instanceof ResourceInUseException) {
      return new ProblemException(
          HttpStatus.CONFLICT,
          "table-busy",
          "Table " + table + " is being made, changed or dropped; try again once it is ACTIVE.");
    }
    if (THROTTLED.contains(code)) {
      return new ProblemException(
              HttpStatus.SERVICE_UNAVAILABLE,
              "dynamodb-busy",
              "DynamoDB is throttling requests or at an account limit; try again later.")
          .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if ("ValidationException".equals(code)) {
      return ProblemException.invalidField(
          field, "DynamoDB refused it: " + refused.awsErrorDetails().errorMessage());
    }
    return refused;
  }
}
