package io.brmh.scrapeworker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import changed in a namespace, by kind ({@code methods}, {@code schemas}, {@code
 * accounts}): names of what was added, updated, found vanished from the description and removed,
 * and how many were unchanged. Lists stop at {@value #LISTED} names each (the counts go on), so a
 * huge description still fits a job's result.
 */
final class ImportDiff {
  static final int LISTED = 500;

  private final Map<String, Map<String, Listing>> kinds = new LinkedHashMap<>();

  /** One change of one kind: {@code added}, {@code updated}, {@code unchanged}, … */
  void record(String kind, String change, String name) {
    kinds
        .computeIfAbsent(kind, k -> new LinkedHashMap<>())
        .computeIfAbsent(change, c -> new Listing())
        .add(name);
  }

  long count(String kind, String change) {
    Listing listing = kinds.getOrDefault(kind, Map.of()).get(change);
    return listing == null ? 0 : listing.count;
  }

  /** The diff as a job's result: per kind and change, the count and the names. */
  Map<String, Object> toResult() {
    Map<String, Object> result = new LinkedHashMap<>();
    kinds.forEach(
        (kind, changes) -> {
          Map<String, Object> byChange = new LinkedHashMap<>();
          changes.forEach((change, listing) -> byChange.put(change, listing.toResult(change)));
          result.put(kind, byChange);
        });
    return result;
  }

  private static final class Listing {
    private final List<String> names = new ArrayList<>();
    private long count;

    void add(String name) {
      count++;
      if (names.size() < LISTED) {
        names.add(name);
      }
    }

    Object toResult(String change) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("count", count);
      if (!change.equals("unchanged")) {
        shown.put("names", names);
        shown.put("truncated", count > names.size());
      }
      return shown;
    }
  }
}
