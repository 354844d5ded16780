package io.brmh.platform.json;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.brmh.platform.input.RequestShape;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Binds a request body to its record strictly: through {@link ExactJson}, so that a number keeps
 * all its digits and the body is one JSON value without repeated names, then through {@link
 * RequestShape}, so that no value is coerced into its field's type. Every JSON body of the API is
 * read here, either by {@link io.brmh.platform.input.StrictJsonBodyReader} or, for the routes that
 * take item images, by their controller.
 */
@Singleton
public class ExactBodies {
  private final JsonMapper json;
  private final Validator validator;

  ExactBodies(JsonMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /**
   * {@link #read(byte[], Class)}, then bean validation of the record, for a controller that reads
   * its body itself (where {@code @Valid} cannot apply).
   *
   * @throws ConstraintViolationException 400 naming each field that breaks a constraint
   */
  public <T> T readValid(byte[] body, Class<T> type) {
    T value = read(body, type);
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return value;
  }

  /**
   * @throws ProblemException 400 naming the body or the field at fault
   */
  public <T> T read(byte[] body, Class<T> type) {
    return read(body, type, type);
  }

  /**
   * @param genericType the type with its type arguments, which the shape check follows
   * @throws ProblemException 400 naming the body or the field at fault
   */
  public <T> T read(byte[] body, Class<T> type, Type genericType) {
    if (body == null || body.length == 0) {
      throw ProblemException.invalidField("body", "is required");
    }
    JsonNode tree = parse(body);
    if (tree.isNull()) {
      throw ProblemException.invalidField("body", "must be a JSON object");
    }
    RequestShape.check(tree, genericType);
    try {
      return json.readValueFromTree(tree, type);
    } catch (IOException | RuntimeException unbindable) {
      // The shape check passed, so this is a value no field type names (an unusual enum, say).
      throw ProblemException.invalidField("body", "is not a JSON value of the documented shape");
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return ExactJson.readTree(body);
    } catch (MalformedJsonException malformed) {
      String field = malformed.path().isEmpty() ? "body" : malformed.path();
      throw ProblemException.invalidField(field, malformed.getMessage());
    } catch (StreamConstraintsException tooBig) {
      throw ProblemException.invalidField(
          "body", "is nested too deeply or holds a value that is too long");
    } catch (IOException | RuntimeException unreadable) {
      // Jackson's message quotes the body, which may hold a password: it is not repeated.
      throw ProblemException.invalidField("body", "is not valid JSON");
    }
  }
}
