package io.brmh.platform.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem detail. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
    MutableHttpResponse<Problem> response =
        HttpResponse.<Problem>status(exception.status())
            .contentType(Problem.MEDIA_TYPE)
            .body(exception.toProblem(request.getPath()));
    exception.headers().forEach(response::header);
    return response;
  }
}
