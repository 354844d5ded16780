package io.brmh.platform.problem;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * Thrown by application code to answer with a specific problem. Handlers never leak internal
 * details: put only what the client may know in {@code detail}.
 */
public class ProblemException extends RuntimeException {
  private final HttpStatus status;
  private final String type;
  private final List<Problem.FieldError> fieldErrors;

  public ProblemException(HttpStatus status, String typeSlug, String detail) {
    this(status, typeSlug, detail, List.of());
  }

  public ProblemException(HttpStatus status, String typeSlug, String detail, List<Problem.FieldError> fieldErrors) {
    super(detail);
    this.status = status;
    this.type = Problem.TYPE_BASE + typeSlug;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /** Invalid input in one field. */
  public static ProblemException invalidField(String field, String message) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.",
        List.of(new Problem.FieldError(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(type, status.getReason(), status.getCode(), getMessage(), instance, fieldErrors);
  }
}
