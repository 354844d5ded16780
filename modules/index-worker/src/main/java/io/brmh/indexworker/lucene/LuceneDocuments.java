package io.brmh.indexworker.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * How a document's fields become Lucene fields. Each value goes in under its kind: text into
 * {@value #TEXT}{@code <field>} (analysed, stored for highlights) and {@value #KEYWORD}{@code
 * <field>} (exact, for filters, facets and sorting); numbers into {@value #NUMBER}{@code <field>}
 * (points for ranges, doc values for sorting; as doubles, so ranges and order are exact to about 15
 * digits) and, as their plain decimal, the keyword field; text over {@value #KEYWORD_LIMIT}
 * characters has no keyword; booleans as the keywords {@code true} and {@code false}. The whole
 * document is kept as JSON in {@value #SOURCE}, its id in {@value #ID}.
 */
final class LuceneDocuments {
  static final String ID = "_id";
  static final String SOURCE = "_source";
  static final String TEXT = "t.";
  static final String KEYWORD = "k.";
  static final String NUMBER = "n.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Text longer than this is no filter, facet or sort value. */
  static final int KEYWORD_LIMIT = 256;

  private LuceneDocuments() {}

  static Document of(IndexDocument document) {
    Document lucene = new Document();
    lucene.add(new StringField(ID, document.id(), Field.Store.YES));
    lucene.add(new SortedDocValuesField(ID, new BytesRef(document.id())));
    try {
      lucene.add(new StoredField(SOURCE, JSON.writeValueAsString(document.fields())));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a document's fields are plain JSON values", e);
    }
    document
        .fields()
        .forEach(
            (name, value) ->
                SearchDocuments.singleValues(value).forEach(v -> add(lucene, name, v)));
    return lucene;
  }

  private static void add(Document lucene, String name, Object value) {
    if (value instanceof Number number) {
      double exact = number.doubleValue();
      lucene.add(new DoublePoint(NUMBER + name, exact));
      lucene.add(
          new SortedNumericDocValuesField(NUMBER + name, NumericUtils.doubleToSortableLong(exact)));
      keyword(lucene, name, SearchDocuments.plainNumber(number));
    } else if (value instanceof Boolean flag) {
      keyword(lucene, name, flag.toString());
    } else {
      String text = value.toString();
      lucene.add(new TextField(TEXT + name, text, Field.Store.YES));
      keyword(lucene, name, text);
    }
  }

  private static void keyword(Document lucene, String name, String value) {
    if (value.length() > KEYWORD_LIMIT) {
      return; // a long text is searched by its words; Lucene refuses terms over 32 KB anyway
    }
    lucene.add(new StringField(KEYWORD + name, value, Field.Store.NO));
    lucene.add(new SortedSetDocValuesField(KEYWORD + name, new BytesRef(value)));
  }
}
