package io.brmh.local.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Measured figures, printed as they come and at the end as one {@code RESULT {json}} line. */
final class Figures {
  private final Map<String, Object> values = new LinkedHashMap<>();

  void put(String name, Object value, String printed) {
    values.put(name, value);
    System.out.println(String.format(Locale.ROOT, "%-40s %s", name, printed));
  }

  static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
    return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, index))) / 1e6;
  }

  /** The middle value (the upper one of an even count). */
  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  String json() {
    return values.entrySet().stream()
        .map(entry -> "\"" + entry.getKey() + "\":" + format(entry.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String format(Object value) {
    if (value instanceof Double number) {
      return String.format(Locale.ROOT, "%.3f", number);
    }
    return value instanceof Number || value instanceof Boolean
        ? value.toString()
        : "\"" + value + "\"";
  }
}
