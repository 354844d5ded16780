package io.brmh.cacheworker.store;

import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.json.ExactJson;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads cached JSON back into plain values with exact numbers (to change a chunk); writing is
 * {@link io.brmh.platform.cache.JsJson}.
 */
@Singleton
public class CachedValues {
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> readChunk(String text) {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    Object parsed;
    try {
      parsed = ExactJson.readPlain(text);
    } catch (IOException e) {
      throw new UncheckedIOException("a cached chunk is not JSON", e);
    }
    if (!(parsed instanceof List<?> items)) {
      throw new UncheckedIOException(new IOException("a cached chunk is not a JSON array"));
    }
    List<Map<String, Object>> plain = new ArrayList<>(items.size());
    items.forEach(item -> plain.add((Map<String, Object>) PlainValues.normalize(item)));
    return plain;
  }
}
