package io.brmh.platform.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * Writes cached values exactly as the original backend's {@code JSON.stringify} did, so that
 * existing readers see the same text: compact, JavaScript number formatting ({@code 10.5}, {@code
 * 1e-7}, {@code 1e+21}, integral doubles without {@code .0}), only the escapes JSON requires. One
 * deliberate difference: object keys are written in sorted order, so that the same item always has
 * the same text whichever path wrote it (bulk scan or change event), which makes "unchanged" a
 * string comparison.
 *
 * <p>Values are the plain model of {@link PlainValues}: maps, collections, strings, numbers,
 * booleans and null.
 */
public final class JsJson {
  private static final Comparator<Map.Entry<?, ?>> BY_NAME =
      Comparator.comparing(entry -> String.valueOf(entry.getKey()));

  private JsJson() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder(512);
    append(out, value);
    return out.toString();
  }

  static void append(StringBuilder out, Object value) {
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
        if (!first) {
          out.append(',');
        }
        append(out, element);
        first = false;
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map) {
    Map.Entry<?, ?>[] entries = map.entrySet().toArray(Map.Entry[]::new);
    Arrays.sort(entries, BY_NAME);
    out.append('{');
    for (int i = 0; i < entries.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendString(out, String.valueOf(entries[i].getKey()));
      out.append(':');
      append(out, entries[i].getValue());
    }
    out.append('}');
  }

  /** Copies runs of characters that need no escape in one call each: most strings are one run. */
  static void appendString(StringBuilder out, String text) {
    out.append('"');
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      String escaped = escape(text, i, c);
      if (escaped != null) {
        out.append(text, runStart, i).append(escaped);
        runStart = i + 1;
      }
    }
    if (runStart == 0) {
      out.append(text);
    } else {
      out.append(text, runStart, text.length());
    }
    out.append('"');
  }

  /**
   * @return the escape for the character at {@code i}, or null when it is written as it is (a
   *     paired surrogate)
   */
  private static String escape(String text, int i, char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 || !isPairedSurrogate(text, i) ? String.format("\\u%04x", (int) c) : null;
    };
  }

  private static boolean isPairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /**
   * A number's exact value in JavaScript's notation: integers of any size with all their digits,
   * other decimals as Number.prototype.toString lays out digits ({@code 0.5}, {@code 1e-7}, {@code
   * 1.5e+30}), but with every digit of the decimal instead of the shortest that reads back as the
   * same double. A JavaScript client's JSON.parse still makes the same double of it as of the
   * shorter text the original wrote; the digits beyond a double's reach are no longer lost.
   */
  static String formatNumber(Number number) {
    if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger) {
      return number.toString();
    }
    if (number instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      return decimal.signum() == 0
          ? "0"
          : stripped.scale() <= 0
              ? stripped.toBigIntegerExact().toString()
              : formatDecimal(stripped);
    }
    return formatDouble(number.doubleValue());
  }

  static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null"; // what JSON.stringify writes for them
    }
    if (value == 0) {
      return "0";
    }
    return formatDecimal(new BigDecimal(Double.toString(value)).stripTrailingZeros());
  }

  /**
   * JavaScript's layout of the decimal's digits; {@code decimal} is not zero and has no trailing
   * zeros.
   */
  private static String formatDecimal(BigDecimal decimal) {
    String digits = decimal.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - decimal.scale(); // the decimal point sits after n digits
    String sign = decimal.signum() < 0 ? "-" : "";
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
