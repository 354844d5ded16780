package io.brmh.gateway.namespaces;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A namespace sent as the original's multipart form: parts are text, so they are read and checked
 * here with the rules a JSON body has on its record, and answered the same way.
 */
@Singleton
class NamespaceForms {
  private static final Argument<List<String>> TEXTS = Argument.listOf(String.class);

  private final JsonMapper json;
  private final Validator validator;

  NamespaceForms(JsonMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /**
   * The form's fields, valid.
   *
   * @throws ConstraintViolationException as for a JSON body (400 naming each field at fault)
   */
  NewNamespaceFields fields(NewNamespaceFields fields) {
    Set<ConstraintViolation<NewNamespaceFields>> violations = validator.validate(fields);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return fields;
  }

  /**
   * The {@code tags} part: a JSON array of strings, as the original's clients send it, or a
   * comma-separated list.
   *
   * @throws ProblemException 400 for an array that does not parse
   */
  @Nullable
  List<String> tags(@Nullable String part) {
    if (part == null || part.isBlank()) {
      return null;
    }
    String text = part.trim();
    if (!text.startsWith("[")) {
      return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
    try {
      return json.readValue(text, TEXTS);
    } catch (IOException | RuntimeException notAnArray) {
      throw ProblemException.invalidField(
          "tags", "must be a JSON array of strings or a comma-separated list");
    }
  }
}
