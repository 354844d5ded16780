package io.brmh.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.brmh.platform.input.SafeText;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON without ever putting a number through a double. Micronaut's decoder turns every
 * fraction into a {@code double} ({@code 0.1000000000000000055511151231257827} becomes {@code
 * 0.1}), which a cache that must equal its table cannot afford: here integers are {@code int},
 * {@code long} or {@link java.math.BigInteger} as they fit and every other number a {@link
 * BigDecimal} with exactly the digits written. Strict: one value, nothing after it, no duplicate
 * names; Jackson's default limits bound nesting (1,000 levels) and the length of any one value.
 */
public final class ExactJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Micronaut's tree without Jackson's duplicate check: {@link #readTree} names the duplicate. */
  private static final JsonFactory TREE_FACTORY = JsonFactory.builder().build();

  private ExactJson() {}

  /**
   * The text as Micronaut's tree, for {@code JsonMapper.readValueFromTree}: records bound from it
   * keep exact numbers.
   */
  public static JsonNode readTree(byte[] json) throws IOException {
    try (JsonParser parser = TREE_FACTORY.createParser(json)) {
      JsonNode tree = node(parser, first(parser), "");
      requireEnd(parser);
      return tree;
    }
  }

  /**
   * The text as plain values: maps (in document order), lists, strings, numbers, booleans and null.
   */
  public static Object readPlain(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      Object value = plain(parser, first(parser));
      requireEnd(parser);
      return value;
    }
  }

  private static JsonToken first(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new IOException("no JSON value");
    }
    return token;
  }

  private static void requireEnd(JsonParser parser) throws IOException {
    JsonToken after;
    try {
      after = parser.nextToken();
    } catch (IOException unreadable) {
      after = JsonToken.NOT_AVAILABLE;
    }
    if (after != null) {
      throw new MalformedJsonException("", "has data after its JSON value");
    }
  }

  private static JsonNode node(JsonParser parser, JsonToken token, String path) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String name = parser.currentName();
          String shownName = SafeText.shown(name);
          String memberPath = path.isEmpty() ? shownName : path + "." + shownName;
          if (members.put(name, node(parser, parser.nextToken(), memberPath)) != null) {
            throw new MalformedJsonException(memberPath, "appears more than once");
          }
        }
        yield JsonNode.createObjectNode(members);
      }
      case START_ARRAY -> {
        List<JsonNode> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          elements.add(node(parser, next, path + "[" + elements.size() + "]"));
        }
        yield JsonNode.createArrayNode(elements);
      }
      case VALUE_STRING -> JsonNode.createStringNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> JsonNode.createNumberNode(parser.getIntValue());
            case LONG -> JsonNode.createNumberNode(parser.getLongValue());
            default -> JsonNode.createNumberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> JsonNode.createNumberNode(parser.getDecimalValue());
      case VALUE_TRUE -> JsonNode.createBooleanNode(true);
      case VALUE_FALSE -> JsonNode.createBooleanNode(false);
      case VALUE_NULL -> JsonNode.nullNode();
      default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
    };
  }

  private static Object plain(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> members = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String name = parser.currentName();
          members.put(name, plain(parser, parser.nextToken()));
        }
        yield members;
      }
      case START_ARRAY -> {
        List<Object> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          elements.add(plain(parser, next));
        }
        yield elements;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          parser.getNumberValue(); // Integer, Long or BigInteger, as Micronaut's decoder gives them
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
    };
  }
}
