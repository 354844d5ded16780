package io.brmh.platform.cache;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which attribute names an item's cache key: the first of {@code id}, {@code pk}, {@code PK},
 * {@code Id}, {@code ID} that holds a non-empty string or a number, as the original's bulk path
 * did; otherwise the table's partition key when the table has no sort key. The same rule serves
 * bulk loads and change events (the original used two different rules, so changes missed keys the
 * bulk wrote).
 */
public final class ItemIds {
  static final List<String> ID_ATTRIBUTES = List.of("id", "pk", "PK", "Id", "ID");

  private ItemIds() {}

  /**
   * @param item the plain item
   * @param keyAttributes the table's primary key attribute names, partition key first
   */
  public static Optional<String> of(Map<String, Object> item, List<String> keyAttributes) {
    for (String attribute : ID_ATTRIBUTES) {
      Optional<String> id = usable(item.get(attribute));
      if (id.isPresent()) {
        return id;
      }
    }
    return keyAttributes.size() == 1 ? usable(item.get(keyAttributes.get(0))) : Optional.empty();
  }

  private static Optional<String> usable(Object value) {
    if (value instanceof String text && !text.isEmpty()) {
      return Optional.of(text);
    }
    if (value instanceof Number number) {
      return Optional.of(JsJson.formatNumber(number));
    }
    return Optional.empty();
  }
}
