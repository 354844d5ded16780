package io.brmh.gateway.search;

import io.brmh.platform.jobs.Job;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.SearchResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the search and indexing routes answer. */
final class SearchAnswers {
  private SearchAnswers() {}

  /**
   * An index configuration, with the job that builds it when it was just made.
   *
   * @param reindexJob the job building the index, on creation
   */
  @Serdeable
  record Index(
      String id,
      String project,
      String table,
      @Nullable String description,
      List<String> customFields,
      String status,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Job reindexJob) {

    static Index of(IndexConfig config, @Nullable Job job) {
      return new Index(
          config.id(),
          config.project(),
          config.table(),
          config.description(),
          config.customFields(),
          config.status(),
          config.createdAt(),
          config.updatedAt(),
          job);
    }
  }

  /**
   * A page of hits, the original's answer with a cursor for its page numbers.
   *
   * @param nbHits how many documents match, exactly
   * @param facets per facet field, each value's count among every hit
   * @param nextCursor the next page's {@code cursor}, or null after the last page
   */
  @Serdeable
  record Hits(
      String project,
      String table,
      String indexId,
      String query,
      long nbHits,
      List<Hit> hits,
      Map<String, Map<String, Long>> facets,
      @Nullable String nextCursor) {

    static Hits of(SearchRequests.Query request, String indexId, SearchResult result) {
      return new Hits(
          request.project(),
          request.table(),
          indexId,
          request.query() == null ? "" : request.query(),
          result.total(),
          result.hits().stream()
              .map(hit -> new Hit(hit.id(), hit.score(), hit.fields(), hit.highlights()))
              .toList(),
          result.facets(),
          result.nextCursor());
    }
  }

  /** One hit: the document as indexed, and its matching fragments marked {@code <em>…</em>}. */
  @Serdeable
  record Hit(
      String id,
      double score,
      Map<String, Object> document,
      Map<String, List<String>> highlights) {}
}
