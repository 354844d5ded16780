package io.brmh.namespaceworker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Points the {@code $ref}s of a copied schema at the copies of the schemas they name. A {@code
 * $ref} that does not start with {@code #} names another schema of the namespace by its id, the
 * last segment of its path (as the gateway's resolver reads them); references within the schema
 * ({@code #/$defs/…}) stay as they are.
 */
final class SchemaReferences {
  private SchemaReferences() {}

  /**
   * @param schema the schema as stored (maps, lists and scalars)
   * @param copyOf the copy's id of a schema id, or the id itself when it names no schema copied
   */
  static Object relinked(Object schema, UnaryOperator<String> copyOf) {
    if (schema instanceof Map<?, ?> object) {
      Map<String, Object> copy = new LinkedHashMap<>();
      object.forEach(
          (key, value) ->
              copy.put(
                  String.valueOf(key),
                  "$ref".equals(key) && value instanceof String reference
                      ? relinkedReference(reference, copyOf)
                      : relinked(value, copyOf)));
      return copy;
    }
    if (schema instanceof List<?> array) {
      List<Object> copy = new ArrayList<>(array.size());
      array.forEach(element -> copy.add(relinked(element, copyOf)));
      return copy;
    }
    return schema;
  }

  private static String relinkedReference(String reference, UnaryOperator<String> copyOf) {
    if (reference.startsWith("#")) {
      return reference;
    }
    int slash = reference.lastIndexOf('/');
    String id = reference.substring(slash + 1);
    return reference.substring(0, slash + 1) + copyOf.apply(id);
  }
}
