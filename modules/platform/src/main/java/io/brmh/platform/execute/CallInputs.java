package io.brmh.platform.execute;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * What a caller adds to a method's call: values for its path parameters, query parameters and
 * headers (on top of the method's own; the account's headers win over both), and a body in place of
 * the method's.
 */
public record CallInputs(
    Map<String, String> pathParams,
    Map<String, String> queryParams,
    Map<String, String> headers,
    @Nullable Object body) {

  public static final CallInputs NONE = new CallInputs(Map.of(), Map.of(), Map.of(), null);

  public CallInputs {
    pathParams = ordered(pathParams);
    queryParams = ordered(queryParams);
    headers = ordered(headers);
  }

  /** A copy in the caller's order: parameters and headers go out as they were given. */
  private static Map<String, String> ordered(Map<String, String> given) {
    return given == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(given));
  }
}
