package io.brmh.platform.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as plain JSON values (maps, lists, strings, numbers, booleans, null), the form
 * they are cached and carried in change events. Numbers keep their exact value: integers as {@link
 * BigInteger}, others as {@link BigDecimal} without trailing zeros (the original made doubles of
 * them). Sets become sorted arrays and binary becomes base64 text; the original lost sets entirely
 * ({@code {}}).
 */
public final class PlainValues {
  private static final int MAX_DIGITS = 38;
  private static final int MAX_EXPONENT = 125;
  private static final int MIN_EXPONENT = -130;
  private static final Set<String> TYPE_TAGS =
      Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

  private PlainValues() {}

  /** An item read with the SDK. */
  public static Map<String, Object> fromItem(Map<String, AttributeValue> item) {
    Map<String, Object> plain = new LinkedHashMap<>();
    item.forEach((name, value) -> plain.put(name, fromAttribute(value)));
    return plain;
  }

  static Object fromAttribute(AttributeValue value) {
    return switch (value.type()) {
      case S -> value.s();
      case N -> number(value.n());
      case BOOL -> value.bool();
      case NUL -> null;
      case B -> base64(value.b());
      case M -> fromItem(value.m());
      case L -> value.l().stream().map(PlainValues::fromAttribute).toList();
      case SS -> value.ss().stream().sorted().toList();
      case NS ->
          value.ns().stream()
              .map(PlainValues::number)
              .sorted(Comparator.comparing(PlainValues::asBigDecimal))
              .toList();
      case BS -> value.bs().stream().map(PlainValues::base64).sorted().toList();
      default ->
          throw new IllegalArgumentException("unsupported DynamoDB attribute type " + value.type());
    };
  }

  /**
   * A DynamoDB number, exactly: a {@link BigInteger} when integral, else a {@link BigDecimal}
   * without trailing zeros, so that one value has one form ({@code 1.50} and {@code 1.5} alike).
   */
  public static Number number(String text) {
    return exact(new BigDecimal(text));
  }

  /**
   * @throws IllegalArgumentException for a number DynamoDB cannot hold (more than 38 significant
   *     digits, a magnitude above 9.99…E+125 or below 1E-130): checked before any integer is built,
   *     since {@code 1e999999999} would take gigabytes
   */
  private static Number exact(BigDecimal decimal) {
    if (decimal.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    long exponent = (long) stripped.precision() - stripped.scale() - 1;
    if (stripped.precision() > MAX_DIGITS || exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
      throw new IllegalArgumentException(
          "a DynamoDB number has at most 38 digits and an exponent from -130 to 125");
    }
    return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
  }

  /**
   * Whether a request image is DynamoDB attribute-value JSON ({@code {"id": {"S": "a"}}}) rather
   * than plain JSON: every attribute is an object with exactly one type tag.
   */
  public static boolean isAttributeValueJson(Map<String, Object> image) {
    return !image.isEmpty()
        && image.values().stream()
            .allMatch(
                value ->
                    value instanceof Map<?, ?> tagged
                        && tagged.size() == 1
                        && TYPE_TAGS.contains(String.valueOf(tagged.keySet().iterator().next())));
  }

  /**
   * Converts a DynamoDB attribute-value JSON image, as stream records and the original's Lambda
   * send it, to plain values.
   *
   * @throws IllegalArgumentException naming the attribute when a value does not fit its tag
   */
  public static Map<String, Object> fromAttributeValueJson(Map<String, Object> image) {
    Map<String, Object> plain = new LinkedHashMap<>();
    image.forEach(
        (name, value) -> {
          try {
            plain.put(name, fromTagged(value));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
          }
        });
    return plain;
  }

  @SuppressWarnings("unchecked")
  private static Object fromTagged(Object tagged) {
    if (!(tagged instanceof Map<?, ?> map) || map.size() != 1) {
      throw new IllegalArgumentException(
          "expected an object with one type tag such as {\"S\": \"text\"}");
    }
    Map.Entry<?, ?> entry = map.entrySet().iterator().next();
    Object value = entry.getValue();
    return switch (String.valueOf(entry.getKey())) {
      case "S", "B" -> (String) value;
      case "N" -> number(String.valueOf(value));
      case "BOOL" -> (Boolean) value;
      case "NULL" -> null;
      case "M" -> fromAttributeValueJson((Map<String, Object>) value);
      case "L" -> ((List<Object>) value).stream().map(PlainValues::fromTagged).toList();
      case "SS", "BS" -> ((List<Object>) value).stream().map(String::valueOf).sorted().toList();
      case "NS" ->
          ((List<Object>) value)
              .stream()
                  .map(n -> number(String.valueOf(n)))
                  .sorted(Comparator.comparing(PlainValues::asBigDecimal))
                  .toList();
      default -> throw new IllegalArgumentException("unknown type tag " + entry.getKey());
    };
  }

  /**
   * Makes numbers of plain JSON the same Java types as {@link #number}. Read the JSON with {@link
   * io.brmh.platform.json.ExactJson}: a double that reaches here has lost digits already, and is
   * taken as the shortest decimal that reads back as it.
   */
  @SuppressWarnings("unchecked")
  public static Object normalize(Object value) {
    if (value instanceof BigDecimal decimal) {
      return exact(decimal);
    }
    if (value instanceof Number number) {
      return number(
          number instanceof Double || number instanceof Float
              ? Double.toString(number.doubleValue())
              : number.toString());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> normalized = new LinkedHashMap<>();
      ((Map<String, Object>) map)
          .forEach((key, element) -> normalized.put(key, normalize(element)));
      return normalized;
    }
    if (value instanceof List<?> list) {
      List<Object> normalized = new ArrayList<>(list.size());
      list.forEach(element -> normalized.add(normalize(element)));
      return normalized;
    }
    return value;
  }

  /**
   * A plain JSON item as DynamoDB attributes: strings, exact numbers, booleans, null, maps and
   * lists (a plain value cannot say it is a set or binary, so none becomes one).
   *
   * @throws IllegalArgumentException naming the attribute whose value DynamoDB cannot hold
   */
  public static Map<String, AttributeValue> toItem(Map<String, Object> plain) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    plain.forEach(
        (name, value) -> {
          try {
            item.put(name, toAttribute(value));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
          }
        });
    return item;
  }

  /** One plain JSON value as a DynamoDB attribute. */
  @SuppressWarnings("unchecked")
  public static AttributeValue toAttribute(Object value) {
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof String text) {
      return AttributeValue.fromS(text);
    }
    if (value instanceof Boolean bool) {
      return AttributeValue.fromBool(bool);
    }
    if (value instanceof Number number) {
      Object exact = normalize(number);
      return AttributeValue.fromN(
          exact instanceof BigDecimal decimal ? decimal.toPlainString() : exact.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return AttributeValue.fromM(toItem((Map<String, Object>) map));
    }
    if (value instanceof List<?> list) {
      return AttributeValue.fromL(list.stream().map(PlainValues::toAttribute).toList());
    }
    throw new IllegalArgumentException("cannot be stored: " + value.getClass().getSimpleName());
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  private static BigDecimal asBigDecimal(Object number) {
    return new BigDecimal(number.toString());
  }
}
