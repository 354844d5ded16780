package io.brmh.platform.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;

/**
 * Answers a route that needs a body and got none with a 400 naming {@code body}, as every other
 * body fault is named; Micronaut would name the Java parameter instead.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class MissingBodyProblemHandler
    implements ExceptionHandler<UnsatisfiedBodyRouteException, HttpResponse<Problem>> {

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, UnsatisfiedBodyRouteException missing) {
    ProblemException problem = ProblemException.invalidField("body", "is required");
    return HttpResponse.<Problem>badRequest()
        .contentType(Problem.MEDIA_TYPE)
        .body(problem.toProblem(request.getPath()));
  }
}
