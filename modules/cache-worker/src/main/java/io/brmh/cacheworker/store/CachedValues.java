package io.brmh.cacheworker.store;

import io.brmh.platform.cache.PlainValues;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads cached JSON back into plain values (to change a chunk); writing is {@link io.brmh.platform.cache.JsJson}. */
@Singleton
public class CachedValues {
  private static final Argument<List<Object>> ARRAY = Argument.listOf(Object.class);

  private final JsonMapper json;

  CachedValues(JsonMapper json) {
    this.json = json;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> readChunk(String text) {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    try {
      List<Object> items = json.readValue(text, ARRAY);
      List<Map<String, Object>> plain = new ArrayList<>(items.size());
      items.forEach(item -> plain.add((Map<String, Object>) PlainValues.normalize(item)));
      return plain;
    } catch (IOException e) {
      throw new UncheckedIOException("a cached chunk is not a JSON array", e);
    }
  }
}
