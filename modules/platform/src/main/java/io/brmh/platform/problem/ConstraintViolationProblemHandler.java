package io.brmh.platform.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;

/**
 * Answers failed bean validation with 400 and one field error per violation, named as the client
 * sent it.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(ConstraintExceptionHandler.class)
class ConstraintViolationProblemHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
    List<Problem.FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    Problem problem =
        new Problem(
            Problem.TYPE_BASE + "invalid-request",
            HttpStatus.BAD_REQUEST.getReason(),
            HttpStatus.BAD_REQUEST.getCode(),
            "The request is not valid.",
            request.getPath(),
            errors);
    return HttpResponse.<Problem>badRequest().contentType(Problem.MEDIA_TYPE).body(problem);
  }

  /**
   * The field as the client knows it: {@code email} for a body property, {@code items[2].id} for a
   * nested one, the parameter name for a query or path parameter. The Java method and parameter
   * names that validation paths start with are dropped.
   */
  static String fieldOf(ConstraintViolation<?> violation) {
    List<Path.Node> nodes = new java.util.ArrayList<>();
    violation.getPropertyPath().forEach(nodes::add);
    int leafProperty = -1;
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).getKind() == ElementKind.PROPERTY) {
        leafProperty = i;
      }
    }
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      boolean last = i == nodes.size() - 1;
      if (node.getKind() == ElementKind.METHOD
          || node.getKind() == ElementKind.CONSTRUCTOR
          || (node.getKind() == ElementKind.PARAMETER && !last)) {
        continue;
      }
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        field.append('[').append(node.getKey()).append(']');
      }
      // A list element's own node is named "<list element>": its index above is its name.
      if (node.getName() != null
          && !node.getName().isEmpty()
          && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
        String name =
            i == leafProperty ? jsonName(violation.getLeafBean(), node.getName()) : node.getName();
        field.append(field.isEmpty() ? "" : ".").append(name);
      }
    }
    return field.isEmpty() ? "request" : field.toString();
  }

  /**
   * The name a client writes a record's component under: its {@code @JsonProperty}, when it has one
   * ({@code namespace-name} for the component {@code name}).
   */
  private static String jsonName(Object bean, String component) {
    if (bean == null || !bean.getClass().isRecord()) {
      return component;
    }
    for (RecordComponent candidate : bean.getClass().getRecordComponents()) {
      if (candidate.getName().equals(component)) {
        JsonProperty property = candidate.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component : property.value();
      }
    }
    return component;
  }
}
