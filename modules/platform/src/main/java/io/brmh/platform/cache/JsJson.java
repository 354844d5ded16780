package io.brmh.platform.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes cached values exactly as the original backend's {@code JSON.stringify} did, so that
 * existing readers see the same text: compact, JavaScript number formatting ({@code 10.5},
 * {@code 1e-7}, {@code 1e+21}, integral doubles without {@code .0}), only the escapes JSON
 * requires. One deliberate difference: object keys are written in sorted order, so that the same
 * item always has the same text whichever path wrote it (bulk scan or change event), which makes
 * "unchanged" a string comparison.
 *
 * <p>Values are the plain model of {@link PlainValues}: maps, collections, strings, numbers,
 * booleans and null.
 */
public final class JsJson {
  private JsJson() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      appendString(out, text);
    } else if (value instanceof Boolean bool) {
      out.append(bool);
    } else if (value instanceof Number number) {
      out.append(formatNumber(number));
    } else if (value instanceof Map<?, ?> map) {
      appendObject(out, map);
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object element : list) {
        out.append(first ? "" : ",");
        append(out, element);
        first = false;
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
      out.append(first ? "" : ",");
      appendString(out, String.valueOf(entry.getKey()));
      out.append(':');
      append(out, entry.getValue());
      first = false;
    }
    out.append('}');
  }

  private static void appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || (Character.isSurrogate(c) && !isPairedSurrogate(text, i))) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isPairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /** JavaScript's Number.prototype.toString for doubles; integers of any size are written exactly. */
  static String formatNumber(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
        || number instanceof BigInteger) {
      return number.toString();
    }
    if (number instanceof BigDecimal decimal && isIntegral(decimal)) {
      return decimal.toBigIntegerExact().toString();
    }
    return formatDouble(number.doubleValue());
  }

  private static boolean isIntegral(BigDecimal decimal) {
    return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
  }

  static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null"; // what JSON.stringify writes for them
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // the decimal point sits after n digits
    String sign = value < 0 ? "-" : "";
    if (k <= n && n <= 21) {
      return sign + digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return sign + digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return sign + "0." + "0".repeat(-n) + digits;
    }
    String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + exponent;
  }
}
