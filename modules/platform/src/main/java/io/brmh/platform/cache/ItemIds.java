package io.brmh.platform.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

  /**
   * The same rule for an item read with the SDK, converting only the attributes the rule looks at.
   */
  public static Optional<String> ofItem(
      Map<String, AttributeValue> item, List<String> keyAttributes) {
    Map<String, Object> candidates = new HashMap<>();
    for (String attribute : ID_ATTRIBUTES) {
      AttributeValue value = item.get(attribute);
      if (value != null) {
        candidates.put(attribute, PlainValues.fromAttribute(value));
      }
    }
    if (keyAttributes.size() == 1 && item.containsKey(keyAttributes.get(0))) {
      candidates.put(
          keyAttributes.get(0), PlainValues.fromAttribute(item.get(keyAttributes.get(0))));
    }
    return of(candidates, keyAttributes);
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
