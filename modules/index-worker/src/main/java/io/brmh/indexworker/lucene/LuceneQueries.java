package io.brmh.indexworker.lucene;

import io.brmh.platform.search.SearchFilter;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.brmh.platform.search.Typos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A search request as a Lucene query. Every word of the text must match some text field, exactly
 * (weighted most), within its typos ({@link Typos}), or, for the last word, as a prefix (search as
 * you type); the filters narrow without scoring.
 */
final class LuceneQueries {
  private static final float EXACT = 3f;
  private static final float PREFIX = 2f;

  /** The most words a query may have. */
  static final int MAX_WORDS = 10;

  /**
   * The clauses a query may rewrite to, below Lucene's limit of 1,024: each word in each text field
   * is an exact clause, a prefix and the typo terms, which share what is left.
   */
  private static final int CLAUSE_BUDGET = 900;

  private LuceneQueries() {}

  static Query of(SearchRequest request, List<String> textFields, Analyzer analyzer) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    List<String> words = words(request.text(), analyzer);
    if (words.size() > MAX_WORDS) {
      throw new SearchRequestException(
          "query", "A query has at most " + MAX_WORDS + " words, not " + words.size() + ".");
    }
    if (words.isEmpty()) {
      query.add(new MatchAllDocsQuery(), Occur.MUST);
    } else if (textFields.isEmpty()) {
      return new MatchNoDocsQuery("the index has no text");
    } else {
      int expansions =
          Math.max(1, Math.min(50, CLAUSE_BUDGET / (words.size() * textFields.size()) - 2));
      for (int i = 0; i < words.size(); i++) {
        query.add(word(words.get(i), i == words.size() - 1, textFields, expansions), Occur.MUST);
      }
    }
    for (SearchFilter filter : request.filters()) {
      query.add(filter(filter), Occur.FILTER);
    }
    return query.build();
  }

  private static Query word(String word, boolean last, List<String> textFields, int expansions) {
    List<Query> perField = new ArrayList<>();
    for (String field : textFields) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      Term term = new Term(field, word);
      any.add(new BoostQuery(new TermQuery(term), EXACT), Occur.SHOULD);
      int edits = Typos.allowedEdits(word);
      if (edits > 0) {
        any.add(new FuzzyQuery(term, edits, 0, expansions, true), Occur.SHOULD);
      }
      if (last) {
        any.add(new BoostQuery(new PrefixQuery(term), PREFIX), Occur.SHOULD);
      }
      perField.add(any.build());
    }
    return new DisjunctionMaxQuery(perField, 0.1f);
  }

  private static Query filter(SearchFilter filter) {
    if (filter instanceof SearchFilter.Equals equals) {
      return equalsQuery(equals.field(), equals.value());
    }
    if (filter instanceof SearchFilter.Range range) {
      return DoublePoint.newRangeQuery(
          LuceneDocuments.NUMBER + range.field(),
          range.min() == null ? Double.NEGATIVE_INFINITY : range.min().doubleValue(),
          range.max() == null ? Double.POSITIVE_INFINITY : range.max().doubleValue());
    }
    SearchFilter.In in = (SearchFilter.In) filter;
    if (in.values().isEmpty()) {
      return new MatchNoDocsQuery("in nothing");
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    in.values().forEach(value -> any.add(equalsQuery(in.field(), value), Occur.SHOULD));
    any.setMinimumNumberShouldMatch(1);
    return any.build();
  }

  private static Query equalsQuery(String field, Object value) {
    if (value instanceof Number number) {
      return DoublePoint.newExactQuery(LuceneDocuments.NUMBER + field, number.doubleValue());
    }
    Query text = new TermQuery(new Term(LuceneDocuments.KEYWORD + field, value.toString()));
    BigDecimal number = number(value.toString());
    if (number == null) {
      return text;
    }
    // "899.0" is the number 899 too: as text, or as the number a field holds.
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    either.add(text, Occur.SHOULD);
    either.add(
        DoublePoint.newExactQuery(LuceneDocuments.NUMBER + field, number.doubleValue()),
        Occur.SHOULD);
    return either.build();
  }

  private static BigDecimal number(String text) {
    try {
      return text.isBlank() ? null : new BigDecimal(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The text's words as the index analysed its text. */
  static List<String> words(String text, Analyzer analyzer) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return words;
    }
    try (TokenStream tokens = analyzer.tokenStream("text", text)) {
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
