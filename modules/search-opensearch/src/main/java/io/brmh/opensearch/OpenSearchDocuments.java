package io.brmh.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch._types.mapping.DynamicTemplate;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * How a document is laid out in OpenSearch, the same way the embedded engine lays it out in Lucene:
 * each value under its kind, text in {@value #TEXT} (analysed by the standard analyser), exact
 * values in {@value #KEYWORD} (numbers as their plain decimal, booleans as {@code true}/{@code
 * false}, text up to {@value #KEYWORD_LIMIT} characters), numbers in {@value #NUMBER} (doubles);
 * the document as written is kept as JSON text in {@value #SOURCE}, so that numbers come back
 * exact. Field names are escaped ({@link #fieldName}), because a dot in a name would make
 * OpenSearch nest objects, and {@code price} next to {@code price.amount} would clash.
 */
final class OpenSearchDocuments {
  static final String ID = "id";
  static final String SOURCE = "src";
  static final String TEXT = "t";
  static final String KEYWORD = "k";
  static final String NUMBER = "n";
  static final int KEYWORD_LIMIT = 256;

  /** OpenSearch's limit on a document id, in UTF-8 bytes. */
  private static final int ID_LIMIT = 512;

  /** What an escaped blank name starts with: no other escaped name does. */
  private static final String BLANK = "~2";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenSearchDocuments() {}

  /** The mapping every BRMH index is created with. */
  static TypeMapping mapping() {
    return TypeMapping.of(
        mapping ->
            mapping
                .dateDetection(false)
                .numericDetection(false)
                .properties(ID, p -> p.keyword(k -> k))
                .properties(SOURCE, p -> p.keyword(k -> k.index(false).docValues(false)))
                .dynamicTemplates(
                    List.of(
                        template(
                            "texts",
                            DynamicTemplate.of(
                                t ->
                                    t.pathMatch(TEXT + ".*")
                                        .mapping(p -> p.text(text -> text.analyzer("standard"))))),
                        template(
                            "keywords",
                            DynamicTemplate.of(
                                t ->
                                    t.pathMatch(KEYWORD + ".*")
                                        .mapping(
                                            p -> p.keyword(k -> k.ignoreAbove(KEYWORD_LIMIT))))),
                        template(
                            "numbers",
                            DynamicTemplate.of(
                                t ->
                                    t.pathMatch(NUMBER + ".*").mapping(p -> p.double_(d -> d)))))));
  }

  private static Map<String, DynamicTemplate> template(String name, DynamicTemplate template) {
    return Map.of(name, template);
  }

  /** The document as OpenSearch indexes it. */
  static Map<String, Object> of(IndexDocument document) {
    Map<String, List<Object>> texts = new LinkedHashMap<>();
    Map<String, List<Object>> keywords = new LinkedHashMap<>();
    Map<String, List<Object>> numbers = new LinkedHashMap<>();
    document
        .fields()
        .forEach(
            (name, value) -> {
              String field = fieldName(name);
              for (Object single : SearchDocuments.singleValues(value)) {
                if (single instanceof Number number) {
                  double approximate = number.doubleValue();
                  if (Double.isFinite(approximate)) {
                    numbers.computeIfAbsent(field, f -> new ArrayList<>()).add(approximate);
                  }
                  keyword(keywords, field, SearchDocuments.plainNumber(number));
                } else if (single instanceof Boolean flag) {
                  keyword(keywords, field, flag.toString());
                } else {
                  String text = single.toString();
                  texts.computeIfAbsent(field, f -> new ArrayList<>()).add(text);
                  keyword(keywords, field, text);
                }
              }
            });
    Map<String, Object> indexed = new LinkedHashMap<>();
    indexed.put(ID, document.id());
    try {
      indexed.put(SOURCE, JSON.writeValueAsString(document.fields()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a document's fields are plain JSON values", e);
    }
    indexed.put(TEXT, texts);
    indexed.put(KEYWORD, keywords);
    indexed.put(NUMBER, numbers);
    return indexed;
  }

  private static void keyword(Map<String, List<Object>> keywords, String field, String value) {
    if (value.length() <= KEYWORD_LIMIT) {
      keywords.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }
  }

  /**
   * A document field's name as an OpenSearch field name without dots: {@code ~} becomes {@code ~0}
   * and {@code .} becomes {@code ~1}, so every name has one escaped form and back; a name that is
   * empty or only blanks (which OpenSearch refuses, and DynamoDB allows) is {@code ~2} and its
   * characters in hexadecimal.
   */
  static String fieldName(String name) {
    if (name.isBlank()) {
      return BLANK + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    }
    return name.replace("~", "~0").replace(".", "~1");
  }

  static String documentFieldName(String escaped) {
    if (escaped.startsWith(BLANK)) {
      return new String(
          HexFormat.of().parseHex(escaped.substring(BLANK.length())), StandardCharsets.UTF_8);
    }
    return escaped.replace("~1", ".").replace("~0", "~");
  }

  /** The document's OpenSearch id: its own, or, past OpenSearch's limit, a digest of it. */
  static String openSearchId(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= ID_LIMIT) {
      return id;
    }
    try {
      return "sha256~"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
