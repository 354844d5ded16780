package io.brmh.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The operations of an OpenAPI document, by {@code METHOD /path}, for the tests that walk them. */
public final class ApiOperations {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private ApiOperations() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> of(Map<String, Object> document) {
    Map<String, Map<String, Object>> operations = new TreeMap<>();
    ((Map<String, Map<String, Object>>) document.get("paths"))
        .forEach(
            (path, item) ->
                item.forEach(
                    (method, operation) -> {
                      if (METHODS.contains(method)) {
                        operations.put(
                            method.toUpperCase(Locale.ROOT) + " " + path,
                            (Map<String, Object>) operation);
                      }
                    }));
    return operations;
  }
}
