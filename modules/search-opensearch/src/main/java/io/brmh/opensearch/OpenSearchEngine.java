package io.brmh.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.brmh.platform.search.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.ExpandWildcard;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.get_field_mapping.TypeFieldMappings;

/**
 * The engine for processes that scale out: indexes in an OpenSearch cluster, which index workers
 * write and gateways search. One shard per index (a table's documents fit one, and counts and
 * facets stay exact); every write is refreshed before it returns, so that it is searchable then, as
 * on the embedded engine. The layout of documents is {@link OpenSearchDocuments}'s, the queries
 * {@link OpenSearchQueries}'.
 */
public final class OpenSearchEngine implements SearchEngine {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
  private static final int FACET_VALUES = 100;
  private static final int FRAGMENTS = 3;
  private static final long MAPPED_FIELDS = 10_000;
  private static final int ALIAS_ATTEMPTS = 3;

  private final OpenSearchClient client;

  public OpenSearchEngine(OpenSearchClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "opensearch";
  }

  @Override
  public void create(String index) {
    checked(index);
    if (exists(index)) {
      return;
    }
    try {
      client
          .indices()
          .create(
              create ->
                  create
                      .index(index)
                      // One replica where the cluster has a second node to hold it; every
                      // field takes up to three mapped fields, so tables of many attributes fit.
                      .settings(
                          s ->
                              s.numberOfShards("1")
                                  .autoExpandReplicas("0-1")
                                  .mapping(m -> m.totalFields(t -> t.limit(MAPPED_FIELDS))))
                      .mappings(OpenSearchDocuments.mapping()));
    } catch (OpenSearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    } catch (IOException e) {
      throw unreachable("creating index " + index, e);
    }
  }

  @Override
  public boolean exists(String index) {
    checked(index);
    try {
      return client.indices().exists(e -> e.index(index)).value();
    } catch (IOException e) {
      throw unreachable("looking for index " + index, e);
    }
  }

  @Override
  public void write(String index, List<IndexDocument> upserts, List<String> deletes) {
    checked(index);
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    List<BulkOperation> operations = new ArrayList<>();
    for (IndexDocument document : upserts) {
      Map<String, Object> indexed = OpenSearchDocuments.of(document);
      String id = OpenSearchDocuments.openSearchId(document.id());
      operations.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(id).document(indexed))));
    }
    for (String id : deletes) {
      String openSearchId = OpenSearchDocuments.openSearchId(id);
      operations.add(BulkOperation.of(o -> o.delete(d -> d.index(index).id(openSearchId))));
    }
    BulkResponse response;
    try {
      // Refreshed before the answer: what was written is searchable once this returns.
      response = client.bulk(b -> b.operations(operations).refresh(Refresh.True));
    } catch (IOException e) {
      throw unreachable("writing to index " + index, e);
    }
    if (response.errors()) {
      for (BulkResponseItem item : response.items()) {
        // A delete of a document that is not there is no error; one into an index that is not
        // there (dropped since the alias was read) is: the worker tries again and reads it anew.
        if (item.error() != null) {
          throw new IllegalStateException(
              "OpenSearch refused a write to index "
                  + index
                  + ": "
                  + item.error().type()
                  + " ("
                  + item.error().reason()
                  + ")");
        }
      }
    }
  }

  @Override
  public void drop(String index) {
    checked(index);
    try {
      client.indices().delete(d -> d.index(index));
    } catch (OpenSearchException e) {
      if (e.status() != 404) {
        throw e;
      }
    } catch (IOException e) {
      throw unreachable("dropping index " + index, e);
    }
  }

  @Override
  public void alias(String alias, String index) {
    checked(alias);
    checked(index);
    if (!exists(index)) {
      throw new IllegalStateException("index " + index + " is not there: no alias names it");
    }
    // The alias is read, then moved in one request; a 404 means the index it named was dropped
    // in between (or the target was), so it is read again.
    for (int attempt = 1; ; attempt++) {
      Optional<String> current = aliased(alias);
      try {
        client
            .indices()
            .updateAliases(
                update -> {
                  current
                      .filter(previous -> !previous.equals(index))
                      .ifPresent(
                          previous ->
                              update.actions(a -> a.remove(r -> r.index(previous).alias(alias))));
                  return update.actions(a -> a.add(add -> add.index(index).alias(alias)));
                });
        return;
      } catch (OpenSearchException e) {
        if (e.status() != 404) {
          throw e;
        }
        if (attempt == ALIAS_ATTEMPTS || !exists(index)) {
          throw new IllegalStateException("index " + index + " is not there: no alias names it", e);
        }
      } catch (IOException e) {
        throw unreachable("moving alias " + alias, e);
      }
    }
  }

  @Override
  public List<String> indexes(String prefix) {
    if (!prefix.isEmpty()) {
      checked(prefix.endsWith("-") ? prefix + "x" : prefix);
    }
    try {
      return client
          .indices()
          .get(
              g ->
                  g.index(prefix + "*")
                      .allowNoIndices(true)
                      .expandWildcards(ExpandWildcard.Open, ExpandWildcard.Closed))
          .result()
          .keySet()
          .stream()
          .sorted()
          .toList();
    } catch (IOException e) {
      throw unreachable("listing indexes " + prefix + "*", e);
    }
  }

  @Override
  public Optional<String> aliased(String alias) {
    checked(alias);
    try {
      return client.indices().getAlias(g -> g.name(alias)).result().keySet().stream().findFirst();
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw unreachable("reading alias " + alias, e);
    }
  }

  @Override
  public SearchResult search(String indexOrAlias, SearchRequest request) {
    checked(indexOrAlias);
    Optional<Fields> fields = fields(indexOrAlias);
    if (fields.isEmpty()) {
      return new SearchResult(0, List.of(), emptyFacets(request), null);
    }
    Query query = OpenSearchQueries.of(request, fields.get().text());
    List<SortOptions> sort = OpenSearchQueries.sort(request.sort(), fields.get().numbers());
    String order = OpenSearchQueries.orderOf(request.sort(), fields.get().numbers());
    List<FieldValue> after =
        request.cursor() == null ? null : OpenSearchQueries.after(request.cursor(), order);
    Map<String, Aggregation> facets = new LinkedHashMap<>();
    for (int i = 0; i < request.facets().size(); i++) {
      String field = OpenSearchQueries.keyword(request.facets().get(i));
      facets.put("f" + i, Aggregation.of(a -> a.terms(t -> t.field(field).size(FACET_VALUES))));
    }
    SearchResponse<ObjectNode> response;
    try {
      response =
          client.search(
              s -> {
                s.index(indexOrAlias)
                    .query(query)
                    .sort(sort)
                    // One more than asked tells whether there is a next page.
                    .size(request.size() + 1)
                    .trackTotalHits(t -> t.enabled(true))
                    .trackScores(true)
                    .source(
                        source ->
                            source.filter(
                                f ->
                                    f.includes(OpenSearchDocuments.ID, OpenSearchDocuments.SOURCE)))
                    .aggregations(facets);
                if (after != null) {
                  s.searchAfterVals(after);
                }
                if (request.highlight()) {
                  s.highlight(
                      h ->
                          h.fields(OpenSearchDocuments.TEXT + ".*", f -> f)
                              .numberOfFragments(FRAGMENTS)
                              .preTags("<em>")
                              .postTags("</em>")
                              .encoder(HighlighterEncoder.Html)
                              .requireFieldMatch(true));
                }
                return s;
              },
              ObjectNode.class);
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        // Dropped since its fields were read: an index that is not there has no hits.
        return new SearchResult(0, List.of(), emptyFacets(request), null);
      }
      throw refused(e);
    } catch (IOException e) {
      throw unreachable("searching " + indexOrAlias, e);
    }
    List<Hit<ObjectNode>> found = response.hits().hits();
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (Hit<ObjectNode> hit : found.subList(0, Math.min(request.size(), found.size()))) {
      hits.add(
          new SearchResult.Hit(
              documentId(hit),
              hit.score() == null || hit.score().isNaN() ? 0 : hit.score(),
              source(hit.source()),
              highlights(hit.highlight())));
    }
    String next =
        found.size() > request.size() && !hits.isEmpty()
            ? OpenSearchQueries.cursor(order, found.get(hits.size() - 1).sortVals())
            : null;
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (int i = 0; i < request.facets().size(); i++) {
      counts.put(request.facets().get(i), counts(response.aggregations().get("f" + i)));
    }
    return new SearchResult(response.hits().total().value(), hits, counts, next);
  }

  @Override
  public Optional<IndexDocument> get(String index, String id) {
    checked(index);
    try {
      GetResponse<ObjectNode> found =
          client.get(
              g ->
                  g.index(index)
                      .id(OpenSearchDocuments.openSearchId(id))
                      .sourceIncludes(OpenSearchDocuments.SOURCE),
              ObjectNode.class);
      if (!found.found() || found.source() == null) {
        return Optional.empty();
      }
      return Optional.of(new IndexDocument(id, source(found.source())));
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw unreachable("reading from index " + index, e);
    }
  }

  /** The index's text fields (OpenSearch names) and number fields (document names). */
  private record Fields(List<String> text, Set<String> numbers) {}

  /** The fields of the index (or the alias's index), or nothing when there is no index. */
  private Optional<Fields> fields(String indexOrAlias) {
    Map<String, TypeFieldMappings> mappings;
    try {
      mappings =
          client
              .indices()
              .getFieldMapping(
                  g ->
                      g.index(indexOrAlias)
                          .fields(
                              OpenSearchDocuments.TEXT + ".*", OpenSearchDocuments.NUMBER + ".*"))
              .result();
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw unreachable("reading the fields of " + indexOrAlias, e);
    }
    if (mappings.isEmpty()) {
      return Optional.empty();
    }
    List<String> text = new ArrayList<>();
    Set<String> numbers = new HashSet<>();
    for (TypeFieldMappings index : mappings.values()) {
      for (String field : index.mappings().keySet()) {
        if (field.startsWith(OpenSearchDocuments.TEXT + ".")) {
          text.add(field);
        } else if (field.startsWith(OpenSearchDocuments.NUMBER + ".")) {
          numbers.add(
              OpenSearchDocuments.documentFieldName(
                  field.substring(OpenSearchDocuments.NUMBER.length() + 1)));
        }
      }
    }
    text.sort(String::compareTo);
    return Optional.of(new Fields(text, numbers));
  }

  private static Map<String, Map<String, Long>> emptyFacets(SearchRequest request) {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    request.facets().forEach(field -> facets.put(field, Map.of()));
    return facets;
  }

  private static Map<String, Long> counts(Aggregate aggregate) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (aggregate != null && aggregate.isSterms()) {
      aggregate.sterms().buckets().array().forEach(b -> counts.put(b.key(), b.docCount()));
    }
    return counts;
  }

  private static Map<String, List<String>> highlights(Map<String, List<String>> byField) {
    Map<String, List<String>> fragments = new LinkedHashMap<>();
    byField.forEach(
        (field, texts) ->
            fragments.put(
                OpenSearchDocuments.documentFieldName(
                    field.substring(OpenSearchDocuments.TEXT.length() + 1)),
                // One entry with its passages joined, as the embedded engine answers.
                List.of(String.join("… ", texts))));
    return fragments;
  }

  private static String documentId(Hit<ObjectNode> hit) {
    // The id field holds the document's own id, also when its OpenSearch id is a digest of it.
    return hit.source().path(OpenSearchDocuments.ID).asText();
  }

  /** The document's fields as written: numbers as exact decimals. */
  private static Map<String, Object> source(ObjectNode source) {
    try {
      return SearchDocuments.fieldsFromJson(source.path(OpenSearchDocuments.SOURCE).asText());
    } catch (IOException e) {
      throw new UncheckedIOException("an indexed document is not the JSON BRMH wrote", e);
    }
  }

  private static RuntimeException refused(OpenSearchException e) {
    if (causedBy(e.error(), "too_many_") || String.valueOf(e.getMessage()).contains("too_many_")) {
      return new SearchRequestException("query", "The query matches too many words; be precise.");
    }
    return e;
  }

  /** Whether the error, or any error under it, is of a type starting so. */
  private static boolean causedBy(ErrorCause error, String typePrefix) {
    if (error == null) {
      return false;
    }
    if (String.valueOf(error.type()).startsWith(typePrefix)
        || causedBy(error.causedBy(), typePrefix)) {
      return true;
    }
    return error.rootCause().stream().anyMatch(cause -> causedBy(cause, typePrefix));
  }

  private static UncheckedIOException unreachable(String what, IOException e) {
    return new UncheckedIOException("OpenSearch did not answer " + what, e);
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a BRMH index name: " + name);
    }
    return name;
  }
}
