package io.brmh.platform.json;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Binds a request body to its record through {@link ExactJson}, for the routes whose bodies carry
 * item images: Micronaut's own body binding would turn every fraction in them into a double.
 */
@Singleton
public class ExactBodies {
  private final JsonMapper json;

  ExactBodies(JsonMapper json) {
    this.json = json;
  }

  /**
   * @throws ProblemException 400 naming the body when it is not one JSON value of the record's
   *     shape
   */
  public <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ProblemException.invalidField("body", "is required");
    }
    try {
      return json.readValueFromTree(ExactJson.readTree(body), type);
    } catch (IOException | RuntimeException malformed) {
      throw ProblemException.invalidField("body", "is not a JSON object of the documented shape");
    }
  }
}
