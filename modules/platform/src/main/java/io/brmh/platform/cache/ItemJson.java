package io.brmh.platform.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes DynamoDB items read with the SDK straight to their cached text, without building the plain
 * maps of {@link PlainValues} first: the same text as {@code
 * JsJson.write(PlainValues.fromItem(item))} at a fraction of the cost. Bulk loads convert every
 * item of a table while the scan competes for the same processors, so this is on their critical
 * path.
 */
public final class ItemJson {
  /** Longer integers may not fit a long; they take the exact path. */
  private static final int FAST_INTEGER_DIGITS = 18;

  private ItemJson() {}

  public static String write(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder(512);
    appendItem(out, item);
    return out.toString();
  }

  /** A chunk: the items' texts as one JSON array, in the given order. */
  public static String writeArray(List<String> itemTexts) {
    int length = 2 + itemTexts.size();
    for (String text : itemTexts) {
      length += text.length();
    }
    StringBuilder out = new StringBuilder(length);
    out.append('[');
    for (int i = 0; i < itemTexts.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(itemTexts.get(i));
    }
    return out.append(']').toString();
  }

  private static void appendItem(StringBuilder out, Map<String, AttributeValue> item) {
    String[] names = item.keySet().toArray(String[]::new);
    Arrays.sort(names);
    out.append('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      JsJson.appendString(out, names[i]);
      out.append(':');
      appendValue(out, item.get(names[i]));
    }
    out.append('}');
  }

  private static void appendValue(StringBuilder out, AttributeValue value) {
    switch (value.type()) {
      case S -> JsJson.appendString(out, value.s());
      case N -> appendNumber(out, value.n());
      case BOOL -> out.append(value.bool().booleanValue());
      case NUL -> out.append("null");
      case M -> appendItem(out, value.m());
      case L -> {
        out.append('[');
        List<AttributeValue> elements = value.l();
        for (int i = 0; i < elements.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          appendValue(out, elements.get(i));
        }
        out.append(']');
      }
      default ->
          JsJson.append(
              out, PlainValues.fromAttribute(value)); // binary and sets: rare, and sorted there
    }
  }

  /**
   * An integer written the canonical way is its own text; anything else goes through the exact
   * conversion.
   */
  private static void appendNumber(StringBuilder out, String text) {
    if (isCanonicalInteger(text)) {
      out.append(text);
    } else {
      out.append(JsJson.formatNumber(PlainValues.number(text)));
    }
  }

  private static boolean isCanonicalInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1
        || digits > FAST_INTEGER_DIGITS
        || (text.charAt(start) == '0' && (digits > 1 || start == 1))) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
