package io.brmh.platform.input;

import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a request whose path variables or query parameters, once decoded, break {@link SafeText}
 * ({@code /namespaces/fi%E2%80%8Bnance}, {@code ?project=%00}), and typed query parameters
 * Micronaut would coerce: a boolean must be {@code true} or {@code false} (Micronaut reads anything
 * else as {@code false}), a whole number ASCII digits (it takes {@code +5} and Arabic-Indic
 * digits), an enum one of its names exactly (it takes {@code succeeded} for {@code SUCCEEDED}). An
 * empty value counts as left out, so the parameter's default applies. It runs after CORS, so a
 * browser sees the problem, and before authentication.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestParameterFilter implements Ordered {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

  @RequestFilter
  @Nullable
  HttpResponse<Problem> refuseBadParameters(HttpRequest<?> request) {
    List<Problem.FieldError> faults = new ArrayList<>();
    UriMatchInfo route = BasicHttpAttributes.getRouteMatchInfo(request).orElse(null);
    if (route != null) {
      for (Map.Entry<String, Object> variable : route.getVariableValues().entrySet()) {
        checkText(variable.getKey(), String.valueOf(variable.getValue()), faults);
      }
      if (route instanceof RouteMatch<?> match) {
        checkTypes(match, request, faults);
      }
    } else {
      checkText("path", QueryStringDecoder.decodeComponent(request.getPath()), faults);
    }
    request
        .getParameters()
        .forEach(
            (name, values) -> {
              checkText(name, name, faults);
              values.forEach(value -> checkText(name, value, faults));
            });
    if (faults.isEmpty()) {
      return null;
    }
    Problem problem =
        new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", faults)
            .toProblem(request.getPath());
    return HttpResponse.<Problem>badRequest().contentType(Problem.MEDIA_TYPE).body(problem);
  }

  private static void checkTypes(
      RouteMatch<?> route, HttpRequest<?> request, List<Problem.FieldError> faults) {
    for (Argument<?> argument : route.getRequiredArguments()) {
      String name =
          argument.getAnnotationMetadata().stringValue(QueryValue.class).orElse(argument.getName());
      String fault = null;
      for (String value : request.getParameters().getAll(name)) {
        if (!value.isEmpty() && fault == null) {
          fault = typeFault(argument.getType(), value);
        }
      }
      if (fault != null) {
        faults.add(new Problem.FieldError(name, fault));
      }
    }
  }

  /** What is wrong with the text as a value of the type, or null when nothing is. */
  private static String typeFault(Class<?> type, String value) {
    if (type == boolean.class || type == Boolean.class) {
      return value.equals("true") || value.equals("false") ? null : "must be true or false";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return WHOLE_NUMBER.matcher(value).matches() ? null : "must be a whole number";
    }
    if (type.isEnum()) {
      List<String> names =
          Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
      return names.contains(value) ? null : "must be one of " + String.join(", ", names);
    }
    return null;
  }

  private static void checkText(String field, String text, List<Problem.FieldError> faults) {
    String shown = SafeText.shown(field);
    if (!SafeText.isSafe(text) && faults.stream().noneMatch(f -> f.field().equals(shown))) {
      faults.add(new Problem.FieldError(shown, SafeText.FAULT));
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
