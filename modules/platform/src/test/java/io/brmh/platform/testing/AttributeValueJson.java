package io.brmh.platform.testing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as DynamoDB attribute-value JSON text ({@code {"id":{"S":"a"},"n":{"N":"1.5"}}}), as the
 * original's stream Lambda posts it.
 */
public final class AttributeValueJson {
  private AttributeValueJson() {}

  public static String write(Map<String, AttributeValue> item) {
    return "{"
        + item.entrySet().stream()
            .map(entry -> string(entry.getKey()) + ":" + tagged(entry.getValue()))
            .collect(Collectors.joining(","))
        + "}";
  }

  private static String tagged(AttributeValue value) {
    return switch (value.type()) {
      case S -> "{\"S\":" + string(value.s()) + "}";
      case N -> "{\"N\":\"" + value.n() + "\"}";
      case BOOL -> "{\"BOOL\":" + value.bool() + "}";
      case NUL -> "{\"NULL\":true}";
      case B -> "{\"B\":\"" + base64(value.b()) + "\"}";
      case SS ->
          "{\"SS\":["
              + value.ss().stream().map(AttributeValueJson::string).collect(Collectors.joining(","))
              + "]}";
      case NS ->
          "{\"NS\":["
              + value.ns().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
              + "]}";
      case BS ->
          "{\"BS\":["
              + value.bs().stream()
                  .map(b -> "\"" + base64(b) + "\"")
                  .collect(Collectors.joining(","))
              + "]}";
      case M -> "{\"M\":" + write(new LinkedHashMap<>(value.m())) + "}";
      case L ->
          "{\"L\":["
              + value.l().stream().map(AttributeValueJson::tagged).collect(Collectors.joining(","))
              + "]}";
      default -> throw new IllegalArgumentException("unsupported " + value.type());
    };
  }

  /** A JSON string literal, escaping what JSON requires. */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  /**
   * The same item as plain JSON: sets as arrays, binary as base64, numbers with all their digits.
   */
  public static String writePlain(Map<String, AttributeValue> item) {
    return "{"
        + item.entrySet().stream()
            .map(entry -> string(entry.getKey()) + ":" + plain(entry.getValue()))
            .collect(Collectors.joining(","))
        + "}";
  }

  private static String plain(AttributeValue value) {
    return switch (value.type()) {
      case S -> string(value.s());
      case N -> value.n();
      case BOOL -> value.bool().toString();
      case NUL -> "null";
      case B -> "\"" + base64(value.b()) + "\"";
      case SS ->
          "["
              + value.ss().stream().map(AttributeValueJson::string).collect(Collectors.joining(","))
              + "]";
      case NS -> "[" + String.join(",", value.ns()) + "]";
      case BS ->
          "["
              + value.bs().stream()
                  .map(b -> "\"" + base64(b) + "\"")
                  .collect(Collectors.joining(","))
              + "]";
      case M -> writePlain(value.m());
      case L ->
          "["
              + value.l().stream().map(AttributeValueJson::plain).collect(Collectors.joining(","))
              + "]";
      default -> throw new IllegalArgumentException("unsupported " + value.type());
    };
  }
}
