package io.brmh.platform.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by application code to answer with a specific problem. Handlers never leak internal
 * details: put only what the client may know in {@code detail}.
 */
public class ProblemException extends RuntimeException {
  private final HttpStatus status;
  private final String type;
  private final List<Problem.FieldError> fieldErrors;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ProblemException(HttpStatus status, String typeSlug, String detail) {
    this(status, typeSlug, detail, List.of());
  }

  public ProblemException(
      HttpStatus status, String typeSlug, String detail, List<Problem.FieldError> fieldErrors) {
    super(detail);
    this.status = status;
    this.type = Problem.TYPE_BASE + typeSlug;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /** Invalid input in one field. */
  public static ProblemException invalidField(String field, String message) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "The request is not valid.",
        List.of(new Problem.FieldError(field, message)));
  }

  /**
   * @return {@code value}
   * @throws ProblemException 400 naming {@code field} when a body left out what this route needs
   */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw invalidField(field, "must not be null");
    }
    return value;
  }

  /** Too many attempts: 429, with {@code Retry-After} in whole seconds (at least 1). */
  public static ProblemException tooManyRequests(Duration retryAfter, String detail) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", detail)
        .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
  }

  /** Adds a response header to the problem's answer. */
  public ProblemException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  public HttpStatus status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(
        type, status.getReason(), status.getCode(), getMessage(), instance, fieldErrors);
  }
}
