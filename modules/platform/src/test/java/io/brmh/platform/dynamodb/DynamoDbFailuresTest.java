package io.brmh.platform.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Each refusal DynamoDB gives for a user's table becomes the answer a client can act on. */
class DynamoDbFailuresTest {
  @Test
  void aTableGoneIs404AndATableChangingIs409() {
    assertThat(status(ResourceNotFoundException.builder().statusCode(400).build())).isEqualTo(404);
    assertThat(status(ResourceInUseException.builder().statusCode(400).build())).isEqualTo(409);
  }

  @Test
  void throttlingIs503WithRetryAfterAndNotTheCallersFault() {
    for (String code :
        new String[] {
          "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"
        }) {
      ProblemException answer = problem(refusal(400, code, "slow down"));
      assertThat(answer.status().getCode()).as(code).isEqualTo(503);
      assertThat(answer.headers()).as(code).containsKey("Retry-After");
    }
  }

  @Test
  void aValidationRefusalIs400NamingTheField() {
    ProblemException answer =
        problem(refusal(400, "ValidationException", "Item size has exceeded the maximum"));
    assertThat(answer.status().getCode()).isEqualTo(400);
    assertThat(answer.toProblem("/x").errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("item");
              assertThat(error.message()).contains("Item size has exceeded");
            });
  }

  @Test
  void aFailedConditionAndAnyOtherRefusalAreLeftAsTheyAre() {
    ConditionalCheckFailedException condition =
        ConditionalCheckFailedException.builder().statusCode(400).build();
    assertThatThrownBy(() -> DynamoDbFailures.mapped("t", "item", () -> thrown(condition)))
        .isSameAs(condition);
    DynamoDbException denied = refusal(400, "AccessDeniedException", "arn:aws:iam::123:role/x");
    assertThatThrownBy(() -> DynamoDbFailures.mapped("t", "item", () -> thrown(denied)))
        .as("stays a server error, whose answer names no account or role")
        .isSameAs(denied);
  }

  private static int status(DynamoDbException refused) {
    return problem(refused).status().getCode();
  }

  private static ProblemException problem(DynamoDbException refused) {
    try {
      DynamoDbFailures.mapped("orders", "item", () -> thrown(refused));
    } catch (ProblemException answer) {
      return answer;
    }
    throw new AssertionError("no problem for " + refused);
  }

  private static Object thrown(DynamoDbException refused) {
    throw refused;
  }

  private static DynamoDbException refusal(int status, String code, String message) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
  }
}
