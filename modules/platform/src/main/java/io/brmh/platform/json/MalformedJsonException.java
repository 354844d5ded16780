package io.brmh.platform.json;

import java.io.IOException;

/** JSON that parses but breaks a rule of {@link ExactJson}: a repeated name, data after the end. */
public class MalformedJsonException extends IOException {
  private final String path;

  MalformedJsonException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The member at fault as a JSON path ({@code name}, {@code items[2].id}); empty: the body. */
  public String path() {
    return path;
  }
}
