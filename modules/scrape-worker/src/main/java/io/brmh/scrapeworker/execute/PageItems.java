package io.brmh.scrapeworker.execute;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The items of one answer and the id of each: where the original looked (the answer itself when it
 * is a list, else its first list among the usual fields), and ids from the usual fields. An item
 * without an id is keyed by the hash of its content, so a page read twice writes it once.
 */
final class PageItems {
  private static final List<String> ITEM_FIELDS =
      List.of("data", "items", "results", "records", "entries", "orders", "products", "values");
  private static final List<String> ID_FIELDS =
      List.of(
          "id", "Id", "ID", "_id", "uuid", "key", "pin_id", "board_id", "order_id", "product_id");

  private PageItems() {}

  /** The items of an answer; an object holding no list is one item, an empty answer none. */
  static List<Object> of(@Nullable Object body, @Nullable String itemsField) {
    if (itemsField != null) {
      Object found = Fields.at(body, itemsField);
      return found instanceof List<?> list ? List.copyOf(list) : List.of();
    }
    if (body instanceof List<?> list) {
      return List.copyOf(list);
    }
    if (body instanceof Map<?, ?> map) {
      for (String field : ITEM_FIELDS) {
        if (map.get(field) instanceof List<?> list) {
          return List.copyOf(list);
        }
      }
      return map.isEmpty() ? List.of() : List.of(map);
    }
    return List.of();
  }

  /** The item's id as text. */
  static String idOf(Object item, @Nullable String idField, String canonicalJson) {
    if (item instanceof Map<?, ?> map) {
      if (idField != null) {
        Object id = Fields.at(map, idField);
        if (id != null && !(id instanceof Map) && !(id instanceof List)) {
          return String.valueOf(id);
        }
      } else {
        for (String field : ID_FIELDS) {
          Object id = map.get(field);
          if (id != null && !(id instanceof Map) && !(id instanceof List)) {
            return String.valueOf(id);
          }
        }
      }
    }
    return "sha256-" + sha256(canonicalJson);
  }

  /** The SHA-256 of a page's bytes, to tell a page sent again from the next one. */
  static String hash(byte[] page) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
