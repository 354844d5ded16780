package io.brmh.platform.search;

import io.brmh.platform.json.ExactJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table item as the document an index configuration keeps: the configured fields (every top-level
 * one when none is configured), numbers as exact decimals, under the item's key.
 */
public final class SearchDocuments {
  private static final String ORIGINAL_PREFIX = "Item.";
  private static final String BAR = "|";
  private static final String BACKSLASH = "\\";

  private SearchDocuments() {}

  /**
   * The document id of an item: its key's value, or for a key of two attributes both, in the order
   * of their names, so a change and a scan of the same item agree. Between two values a bar; a bar
   * or backslash in a value is escaped with a backslash, so no two keys share an id.
   */
  public static String id(Map<String, Object> keys) {
    if (keys.size() == 1) {
      return plain(keys.values().iterator().next());
    }
    List<String> parts = new ArrayList<>();
    for (Object value : new TreeMap<>(keys).values()) {
      parts.add(
          plain(value).replace(BACKSLASH, BACKSLASH + BACKSLASH).replace(BAR, BACKSLASH + BAR));
    }
    return String.join(BAR, parts);
  }

  public static IndexDocument of(
      IndexConfig config, Map<String, Object> keys, Map<String, Object> item) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (config.customFields().isEmpty()) {
      item.forEach((name, value) -> put(fields, name, value));
    } else {
      for (String path : config.customFields()) {
        String field =
            path.startsWith(ORIGINAL_PREFIX) ? path.substring(ORIGINAL_PREFIX.length()) : path;
        put(fields, field, at(item, field));
      }
    }
    return new IndexDocument(id(keys), fields);
  }

  private static Object at(Map<String, Object> item, String path) {
    Object value = item;
    for (String part : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(part);
    }
    return value;
  }

  private static void put(Map<String, Object> fields, String name, Object value) {
    Object searchable = searchable(value);
    if (searchable != null) {
      fields.put(name, searchable);
    }
  }

  /** Text, numbers, booleans and lists of them; nested objects are indexed only by path. */
  private static Object searchable(Object value) {
    if (value instanceof Number number) {
      return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof java.util.Collection<?> many) {
      List<Object> list = new ArrayList<>();
      many.forEach(
          item -> {
            Object one = searchable(item);
            if (one != null && !(one instanceof List<?>)) {
              list.add(one);
            }
          });
      return list.isEmpty() ? null : list;
    }
    return null;
  }

  private static String plain(Object value) {
    return value instanceof Number number ? plainNumber(number) : String.valueOf(value);
  }

  /** A field's values one by one, lists flattened, as every engine indexes them. */
  public static List<Object> singleValues(Object value) {
    if (value instanceof java.util.Collection<?> many) {
      List<Object> flat = new ArrayList<>();
      many.forEach(item -> flat.addAll(singleValues(item)));
      return flat;
    }
    return value == null || value instanceof Map<?, ?> ? List.of() : List.of(value);
  }

  /** A number as every engine keys it: 899, not 899.00 or 8.99E+2. */
  public static String plainNumber(Number number) {
    BigDecimal exact =
        number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    return exact.stripTrailingZeros().toPlainString();
  }

  /**
   * A document's fields read back from the JSON text an engine keeps them in, with numbers as exact
   * decimals again.
   *
   * @throws IOException when the text is not a JSON object
   */
  public static Map<String, Object> fieldsFromJson(String json) throws IOException {
    if (!(ExactJson.readPlain(json) instanceof Map<?, ?> stored)) {
      throw new IOException("a document's stored fields are not a JSON object");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    stored.forEach((name, value) -> put(fields, (String) name, value));
    return fields;
  }
}
