package io.brmh.platform.input;

import io.brmh.platform.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.uri.UriMatchInfo;
import io.micronaut.web.router.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose path variables or query parameters, once decoded, break {@link SafeText}:
 * {@code /namespaces/fi%E2%80%8Bnance} or {@code ?project=%00} never reach a route. It runs before
 * authentication, so that no later step sees such text.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestTextFilter implements Ordered {

  @RequestFilter
  @Nullable
  HttpResponse<Problem> refuseUnsafeText(HttpRequest<?> request) {
    List<Problem.FieldError> faults = new ArrayList<>();
    UriMatchInfo route = BasicHttpAttributes.getRouteMatchInfo(request).orElse(null);
    if (route != null) {
      for (Map.Entry<String, Object> variable : route.getVariableValues().entrySet()) {
        check(variable.getKey(), String.valueOf(variable.getValue()), faults);
      }
      if (route instanceof RouteMatch<?> match) {
        checkBooleans(match, request, faults);
      }
    } else {
      check("path", request.getPath(), faults);
    }
    request
        .getParameters()
        .forEach(
            (name, values) -> {
              check(name, name, faults);
              values.forEach(value -> check(name, value, faults));
            });
    if (faults.isEmpty()) {
      return null;
    }
    Problem problem =
        new Problem(
            Problem.TYPE_BASE + "invalid-request",
            HttpStatus.BAD_REQUEST.getReason(),
            HttpStatus.BAD_REQUEST.getCode(),
            "The request is not valid.",
            null,
            faults);
    return HttpResponse.<Problem>badRequest().contentType(Problem.MEDIA_TYPE).body(problem);
  }

  /**
   * Micronaut reads any text but {@code true} as {@code false} ({@code ?includeData=maybe}): a
   * boolean parameter must be {@code true} or {@code false}.
   */
  private static void checkBooleans(
      RouteMatch<?> route, HttpRequest<?> request, List<Problem.FieldError> faults) {
    for (Argument<?> argument : route.getRequiredArguments()) {
      if (argument.getType() != boolean.class && argument.getType() != Boolean.class) {
        continue;
      }
      String name =
          argument.getAnnotationMetadata().stringValue(QueryValue.class).orElse(argument.getName());
      for (String value : request.getParameters().getAll(name)) {
        if (!value.equals("true") && !value.equals("false")) {
          faults.add(new Problem.FieldError(name, "must be true or false"));
        }
      }
    }
  }

  private static void check(String field, String text, List<Problem.FieldError> faults) {
    if (!SafeText.isSafe(text) && faults.stream().noneMatch(f -> f.field().equals(field))) {
      faults.add(new Problem.FieldError(field, SafeText.FAULT));
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
