package io.brmh.platform.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders every error Micronaut produces (unknown route, unreadable body, failed validation,
 * missing or invalid token, unhandled exception) as an RFC 9457 problem detail. Server errors never
 * carry the exception's message: it may hold internals or secrets.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
  private static final String SERVER_ERROR_DETAIL =
      "The server could not complete the request; it has been logged.";

  @Override
  public Problem body(ErrorContext context, HttpResponse<?> response) {
    HttpStatus status = response.status();
    String instance = context.getRequest().getPath();
    if (status.getCode() >= 500) {
      return new Problem(
          Problem.BLANK_TYPE,
          status.getReason(),
          status.getCode(),
          SERVER_ERROR_DETAIL,
          instance,
          null);
    }
    List<Problem.FieldError> fieldErrors =
        context.getErrors().stream()
            .filter(error -> error.getPath().isPresent())
            // Paths here come from arguments that could not be converted; their messages name Java
            // types.
            .map(
                error ->
                    new Problem.FieldError(
                        stripSlash(error.getPath().get()), "has an invalid value"))
            .toList();
    String detail =
        fieldErrors.isEmpty()
            ? context.getErrors().stream()
                .map(Error::getMessage)
                .findFirst()
                .orElse(status.getReason())
            : "The request is not valid.";
    return new Problem(
        Problem.BLANK_TYPE, status.getReason(), status.getCode(), detail, instance, fieldErrors);
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  @Override
  public String contentType() {
    return Problem.MEDIA_TYPE;
  }
}
