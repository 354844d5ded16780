package io.brmh.platform.search;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A search of one index.
 *
 * @param text the words looked for in every text field, each one forgiving typos by its length
 *     ({@link Typos}), the last one also as a prefix; blank browses every document
 * @param filters conditions every hit meets
 * @param facets fields whose values are counted over all hits
 * @param sort the order of hits; null orders by relevance
 * @param size hits per page
 * @param cursor where the previous page ended ({@link SearchResult#nextCursor()}), or null
 * @param highlight whether hits carry their matching text fragments
 */
public record SearchRequest(
    String text,
    List<SearchFilter> filters,
    List<String> facets,
    @Nullable Sort sort,
    int size,
    @Nullable String cursor,
    boolean highlight) {

  /** An order by one field; documents without it come last. */
  public record Sort(String field, boolean descending) {}

  /** Every document, by relevance, without facets. */
  public static SearchRequest browse(int size) {
    return new SearchRequest("", List.of(), List.of(), null, size, null, false);
  }
}
