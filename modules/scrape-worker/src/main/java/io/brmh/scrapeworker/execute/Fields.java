package io.brmh.scrapeworker.execute;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** Dotted paths into plain JSON values ({@code meta.next_cursor}). */
final class Fields {
  private Fields() {}

  @Nullable
  static Object at(@Nullable Object value, String path) {
    Object current = value;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
