package io.brmh.cacheworker.bulk;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The original response's counters of a bulk load, kept in the checkpoint so that a resumed load
 * reports the whole run. {@code attemptedKeys = successfulWrites + failedWrites}; an item already
 * cached with the same content counts in {@code skippedDuplicates} and is not written. A load that
 * succeeds wrote every key, so {@code failedWrites} is 0 and {@code fillRate} 100 % (the original
 * reported success with failed writes).
 */
final class BulkCounters {
  static final int SAMPLE_KEYS = 10;

  long totalRecords;
  long successfulWrites;
  long failedWrites;
  long skippedDuplicates;
  long elapsedMs;
  List<String> cacheKeys = new ArrayList<>();

  /** The counters as saved in a checkpoint. */
  @Serdeable
  record Snapshot(
      long totalRecords,
      long successfulWrites,
      long failedWrites,
      long skippedDuplicates,
      long elapsedMs,
      List<String> cacheKeys) {}

  static BulkCounters from(Snapshot snapshot) {
    BulkCounters counters = new BulkCounters();
    if (snapshot != null) {
      counters.totalRecords = snapshot.totalRecords();
      counters.successfulWrites = snapshot.successfulWrites();
      counters.failedWrites = snapshot.failedWrites();
      counters.skippedDuplicates = snapshot.skippedDuplicates();
      counters.elapsedMs = snapshot.elapsedMs();
      counters.cacheKeys = new ArrayList<>(snapshot.cacheKeys());
    }
    return counters;
  }

  Snapshot snapshot() {
    return new Snapshot(
        totalRecords,
        successfulWrites,
        failedWrites,
        skippedDuplicates,
        elapsedMs,
        List.copyOf(cacheKeys));
  }

  /**
   * A key is in Redis. (A failed write fails its page, which is written again: {@code failedWrites}
   * stays 0.)
   */
  void written(String key) {
    successfulWrites++;
    if (cacheKeys.size() < SAMPLE_KEYS) {
      cacheKeys.add(key);
    }
  }

  long attemptedKeys() {
    return successfulWrites + failedWrites;
  }

  /**
   * The job result, in the original response's field names, and why BRMH loaded the table itself,
   * if it did.
   */
  Map<String, Object> toResult(String project, String table, String reason) {
    long attempted = attemptedKeys();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message", "Caching complete");
    result.put("project", project);
    result.put("table", table);
    result.put("totalRecords", totalRecords);
    result.put("successfulWrites", successfulWrites);
    result.put("failedWrites", failedWrites);
    result.put("attemptedKeys", attempted);
    result.put("skippedDuplicates", skippedDuplicates);
    result.put(
        "fillRate",
        String.format(
            Locale.ROOT, "%.2f%%", attempted == 0 ? 0.0 : successfulWrites * 100.0 / attempted));
    result.put("durationMs", elapsedMs);
    result.put("cacheKeys", List.copyOf(cacheKeys));
    result.put("totalCacheKeys", attempted);
    if (reason != null) {
      result.put("reason", reason);
    }
    return result;
  }
}
