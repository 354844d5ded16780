package io.brmh.platform.search;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * A page of hits.
 *
 * @param total how many documents match, exactly
 * @param facets per facet field, each value's count among all matching documents
 * @param nextCursor where the next page starts, or null after the last one
 */
public record SearchResult(
    long total,
    List<Hit> hits,
    Map<String, Map<String, Long>> facets,
    @Nullable String nextCursor) {

  /**
   * One matching document.
   *
   * @param fields the document's fields as indexed
   * @param highlights per text field, its fragments with the matches marked {@code <em>…</em>}
   */
  public record Hit(
      String id, double score, Map<String, Object> fields, Map<String, List<String>> highlights) {}
}
