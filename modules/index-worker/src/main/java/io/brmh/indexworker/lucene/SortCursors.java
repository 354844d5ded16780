package io.brmh.indexworker.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.util.BytesRef;

/**
 * The order of hits and where a page ends. Every order ends with the id, so that no two hits tie
 * and a cursor (the sort values of a page's last hit) names one place, whatever was written
 * meanwhile; documents without the sort field come last either way.
 */
final class SortCursors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SortCursors() {}

  static Sort sort(@Nullable SearchRequest.Sort order, Set<String> numberFields) {
    SortField id = new SortField(LuceneDocuments.ID, SortField.Type.STRING);
    if (order == null) {
      return new Sort(SortField.FIELD_SCORE, id);
    }
    SortField byField;
    if (numberFields.contains(order.field())) {
      SortedNumericSortField number =
          new SortedNumericSortField(
              LuceneDocuments.NUMBER + order.field(), SortField.Type.DOUBLE, order.descending());
      number.setMissingValue(
          order.descending() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      byField = number;
    } else {
      SortedSetSortField keyword =
          new SortedSetSortField(LuceneDocuments.KEYWORD + order.field(), order.descending());
      keyword.setMissingValue(order.descending() ? SortField.STRING_FIRST : SortField.STRING_LAST);
      byField = keyword;
    }
    return new Sort(byField, id);
  }

  /** How a sort field's value is kept in a cursor: a score, a number, or text. */
  private static String kind(SortField field) {
    if (field.getType() == SortField.Type.SCORE) {
      return "f";
    }
    return field instanceof SortedNumericSortField ? "d" : "s";
  }

  static String cursor(FieldDoc last) {
    ArrayNode values = JSON.createArrayNode();
    for (Object value : last.fields) {
      if (value instanceof Float score) {
        values.addObject().put("f", score);
      } else if (value instanceof Double number) {
        values.addObject().put("d", number);
      } else if (value instanceof BytesRef bytes) {
        values.addObject().put("s", bytes.utf8ToString());
      } else {
        values.addObject().putNull("n");
      }
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws SearchRequestException when the cursor is none this engine gave for this order
   */
  static FieldDoc after(String cursor, Sort sort, int maxDoc) {
    JsonNode values;
    try {
      values = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
    } catch (IOException | IllegalArgumentException unreadable) {
      throw new SearchRequestException("cursor", "The cursor is not one this search gave.");
    }
    if (!values.isArray() || values.size() != sort.getSort().length) {
      throw new SearchRequestException(
          "cursor", "The cursor belongs to a search in another order.");
    }
    Object[] fields = new Object[values.size()];
    for (int i = 0; i < fields.length; i++) {
      JsonNode value = values.get(i);
      String kind = kind(sort.getSort()[i]);
      if (!value.isObject() || !(value.has(kind) || kind.equals("s") && value.has("n"))) {
        throw new SearchRequestException(
            "cursor", "The cursor belongs to a search in another order.");
      }
      fields[i] =
          switch (kind) {
            case "f" -> (float) value.get("f").asDouble();
            case "d" -> value.get("d").asDouble();
            default -> value.has("s") ? new BytesRef(value.get("s").asText()) : null;
          };
    }
    float score = fields[0] instanceof Float f ? f : Float.NaN;
    // Lucene takes a hit equal to the cursor in every sort value only when its document number is
    // above the cursor's: the id ends every order, so only the cursor's own hit is equal, and the
    // highest number keeps it off the next page.
    return new FieldDoc(maxDoc - 1, score, fields);
  }
}
