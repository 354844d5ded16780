package io.brmh.platform.search;

import java.util.List;
import java.util.Optional;

/**
 * Where search indexes live: the embedded Lucene engine of one process, or OpenSearch. An index is
 * one generation of one index configuration's documents; an alias names the generation searches
 * read, so a reindex builds a new generation and moves the alias in one step. Names are BRMH's own
 * ({@code [a-z0-9-]}), never a caller's.
 */
public interface SearchEngine {

  /** {@code lucene} or {@code opensearch}. */
  String name();

  /** Makes an empty index, unless it exists. */
  void create(String index);

  boolean exists(String index);

  /**
   * Writes documents (replacing those with the same ids) and removes others, and returns once all
   * of it is durable and searchable.
   */
  void write(String index, List<IndexDocument> upserts, List<String> deletes);

  /** Removes the index and its documents; an alias still naming it names nothing. */
  void drop(String index);

  /**
   * Points the alias at the index, in one step for every reader.
   *
   * @throws IllegalStateException when the index is not there
   */
  void alias(String alias, String index);

  /** The indexes whose names start so ({@code idx-<config id>-}: a configuration's generations). */
  List<String> indexes(String prefix);

  /** The index the alias names. */
  Optional<String> aliased(String alias);

  /** A page of the index's (or the alias's index's) hits; an index that is not there has none. */
  SearchResult search(String indexOrAlias, SearchRequest request);

  /** One document as indexed. */
  Optional<IndexDocument> get(String index, String id);
}
