package io.brmh.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brmh.platform.search.SearchFilter;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.brmh.platform.search.Typos;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortMode;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * A search request as an OpenSearch query, built to match what the embedded engine matches: every
 * word of the text must match some text field exactly (weighted most), within its typos ({@link
 * Typos}), or, for the last word, as a prefix; filters narrow without scoring. The words are cut by
 * Lucene's standard analyser, the one the index cuts its text with, so that both engines see the
 * same words.
 */
final class OpenSearchQueries {
  private static final float EXACT = 3f;
  private static final float PREFIX = 2f;
  private static final int MAX_WORDS = 10;

  /** As in the embedded engine: typo terms share what is left below the clause limit. */
  private static final int CLAUSE_BUDGET = 900;

  private static final Analyzer ANALYZER = new StandardAnalyzer();
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenSearchQueries() {}

  /**
   * @param textFields the index's text fields, by their OpenSearch names
   */
  static Query of(SearchRequest request, List<String> textFields) {
    List<String> words = words(request.text());
    if (words.size() > MAX_WORDS) {
      throw new SearchRequestException(
          "query", "A query has at most " + MAX_WORDS + " words, not " + words.size() + ".");
    }
    BoolQuery.Builder query = new BoolQuery.Builder();
    if (words.isEmpty()) {
      query.must(Query.of(q -> q.matchAll(all -> all)));
    } else if (textFields.isEmpty()) {
      return Query.of(q -> q.matchNone(none -> none));
    } else {
      int expansions =
          Math.max(1, Math.min(50, CLAUSE_BUDGET / (words.size() * textFields.size()) - 2));
      for (int i = 0; i < words.size(); i++) {
        query.must(word(words.get(i), i == words.size() - 1, textFields, expansions));
      }
    }
    request.filters().forEach(filter -> query.filter(filter(filter)));
    return Query.of(q -> q.bool(query.build()));
  }

  private static Query word(String word, boolean last, List<String> textFields, int expansions) {
    List<Query> perField = new ArrayList<>();
    int edits = Typos.allowedEdits(word);
    for (String field : textFields) {
      List<Query> any = new ArrayList<>();
      any.add(Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(word)).boost(EXACT))));
      if (edits > 0) {
        any.add(
            Query.of(
                q ->
                    q.fuzzy(
                        f ->
                            f.field(field)
                                .value(FieldValue.of(word))
                                .fuzziness(Integer.toString(edits))
                                .prefixLength(0)
                                .maxExpansions(expansions)
                                .transpositions(true))));
      }
      if (last) {
        any.add(Query.of(q -> q.prefix(p -> p.field(field).value(word).boost(PREFIX))));
      }
      perField.add(Query.of(q -> q.bool(b -> b.should(any))));
    }
    return Query.of(q -> q.disMax(d -> d.queries(perField).tieBreaker(0.1)));
  }

  private static Query filter(SearchFilter filter) {
    if (filter instanceof SearchFilter.Equals equals) {
      return equalsQuery(equals.field(), equals.value());
    }
    if (filter instanceof SearchFilter.Range range) {
      String field = number(range.field());
      return Query.of(
          q ->
              q.range(
                  r -> {
                    r.field(field);
                    if (range.min() != null) {
                      r.gte(JsonData.of(range.min().doubleValue()));
                    }
                    if (range.max() != null) {
                      r.lte(JsonData.of(range.max().doubleValue()));
                    }
                    return r;
                  }));
    }
    SearchFilter.In in = (SearchFilter.In) filter;
    if (in.values().isEmpty()) {
      return Query.of(q -> q.matchNone(none -> none));
    }
    List<Query> any = in.values().stream().map(value -> equalsQuery(in.field(), value)).toList();
    return Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1")));
  }

  private static Query equalsQuery(String field, Object value) {
    if (value instanceof Number number) {
      return numberEquals(field, number.doubleValue());
    }
    Query text =
        Query.of(q -> q.term(t -> t.field(keyword(field)).value(FieldValue.of(value.toString()))));
    BigDecimal number = numberIn(value.toString());
    if (number == null) {
      return text;
    }
    // "899.0" is the number 899 too: as text, or as the number a field holds.
    return Query.of(q -> q.bool(b -> b.should(text, numberEquals(field, number.doubleValue()))));
  }

  private static Query numberEquals(String field, double value) {
    return Query.of(q -> q.term(t -> t.field(number(field)).value(FieldValue.of(value))));
  }

  private static BigDecimal numberIn(String text) {
    try {
      return text.isBlank() ? null : new BigDecimal(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /**
   * The order of hits: relevance or a field either way, documents without it last, and always the
   * id at the end, so that no two hits tie and a cursor names one place.
   *
   * @param numberFields the document fields the index holds numbers of
   */
  static List<SortOptions> sort(@Nullable SearchRequest.Sort order, Set<String> numberFields) {
    SortOptions id =
        SortOptions.of(s -> s.field(f -> f.field(OpenSearchDocuments.ID).order(SortOrder.Asc)));
    if (order == null) {
      return List.of(SortOptions.of(s -> s.score(score -> score.order(SortOrder.Desc))), id);
    }
    SortOrder direction = order.descending() ? SortOrder.Desc : SortOrder.Asc;
    boolean numeric = numberFields.contains(order.field());
    String field = numeric ? number(order.field()) : keyword(order.field());
    SortOptions byField =
        SortOptions.of(
            s ->
                s.field(
                    f ->
                        f.field(field)
                            .order(direction)
                            // The smallest of several values, either way, as Lucene's default.
                            .mode(SortMode.Min)
                            .missing(FieldValue.of("_last"))
                            .unmappedType(numeric ? FieldType.Double : FieldType.Keyword)));
    return List.of(byField, id);
  }

  /** What a cursor records about its order, so that it is refused in another one. */
  static String orderOf(@Nullable SearchRequest.Sort order, Set<String> numberFields) {
    if (order == null) {
      return "score";
    }
    return (numberFields.contains(order.field()) ? "n:" : "k:")
        + order.field()
        + (order.descending() ? ":desc" : ":asc");
  }

  static String cursor(String order, List<FieldValue> sortValues) {
    ObjectNode cursor = JSON.createObjectNode().put("o", order);
    ArrayNode values = cursor.putArray("v");
    for (FieldValue value : sortValues) {
      if (value.isDouble()) {
        values.add(value.doubleValue());
      } else if (value.isLong()) {
        values.add(value.longValue());
      } else if (value.isBoolean()) {
        values.add(value.booleanValue());
      } else if (value.isString()) {
        values.add(value.stringValue());
      } else {
        values.addNull();
      }
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws SearchRequestException when the cursor is none this engine gave for this order
   */
  static List<FieldValue> after(String cursor, String order) {
    JsonNode read;
    try {
      read = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
    } catch (IOException | IllegalArgumentException unreadable) {
      throw new SearchRequestException("cursor", "The cursor is not one this search gave.");
    }
    if (read == null || !read.path("v").isArray()) {
      throw new SearchRequestException("cursor", "The cursor is not one this search gave.");
    }
    if (!order.equals(read.path("o").asText())) {
      throw new SearchRequestException(
          "cursor", "The cursor belongs to a search in another order.");
    }
    JsonNode given = read.get("v");
    boolean numberFirst = order.equals("score") || order.startsWith("n:");
    if (given.size() != 2
        || !given.get(1).isTextual()
        || !(numberFirst
            ? given.get(0).isNumber() || given.get(0).isTextual()
            : !given.get(0).isNumber())) {
      throw new SearchRequestException(
          "cursor", "The cursor belongs to a search in another order.");
    }
    List<FieldValue> values = new ArrayList<>();
    for (JsonNode value : given) {
      if (value.isIntegralNumber()) {
        values.add(FieldValue.of(value.asLong()));
      } else if (value.isNumber()) {
        values.add(FieldValue.of(value.asDouble()));
      } else if (value.isBoolean()) {
        values.add(FieldValue.of(value.asBoolean()));
      } else if (value.isTextual()) {
        values.add(FieldValue.of(value.asText()));
      } else {
        values.add(FieldValue.of(f -> f.nullValue()));
      }
    }
    return values;
  }

  static String keyword(String field) {
    return OpenSearchDocuments.KEYWORD + "." + OpenSearchDocuments.fieldName(field);
  }

  static String number(String field) {
    return OpenSearchDocuments.NUMBER + "." + OpenSearchDocuments.fieldName(field);
  }

  /** The text's words as the index analysed its text. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return words;
    }
    try (TokenStream tokens = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        words.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string in memory", e);
    }
    return words;
  }
}
