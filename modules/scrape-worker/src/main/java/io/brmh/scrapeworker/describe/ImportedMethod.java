package io.brmh.scrapeworker.describe;

import java.util.Map;

/**
 * One operation of a description as a namespace method.
 *
 * @param key what identifies the operation across imports of the same description: {@code GET
 *     /pets/{petId}} for OpenAPI, the folder path and name for Postman
 * @param data the method's fields as the unified model names them ({@code namespace-method-name},
 *     {@code namespace-method-type}, …), plain JSON values
 */
public record ImportedMethod(String key, Map<String, Object> data) {
  public ImportedMethod {
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  public String name() {
    return String.valueOf(data.get(MethodFields.NAME));
  }
}
