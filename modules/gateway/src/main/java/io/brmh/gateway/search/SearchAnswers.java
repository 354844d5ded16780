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
   * The original's {@code /search/indices} answer: per project, per table, its indexes.
   *
   * @param totalIndices how many indexes are listed
   */
  @Serdeable
  record Indices(int totalIndices, Map<String, Map<String, List<Built>>> groupedIndices) {}

  /**
   * One index as built.
   *
   * @param name the generation searches read now, or null before the first reindex succeeded
   * @param entries how many documents it holds, or null when this process has no engine
   */
  @Serdeable
  record Built(
      String indexId,
      @Nullable String name,
      @Nullable Long entries,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * The original's {@code /search/health} answer.
   *
   * @param engine {@code lucene}, {@code opensearch}, or {@code none} in a process without one
   * @param totalIndices how many index generations the engine holds
   */
  @Serdeable
  record Health(String engine, boolean connected, int totalIndices) {}

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
