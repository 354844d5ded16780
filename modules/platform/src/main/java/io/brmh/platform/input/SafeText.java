package io.brmh.platform.input;

/**
 * The text rule for names, ids and every other string a request carries, unless a field is marked
 * {@link FreeText}: no control characters (NUL, escape, C1), no invisible format characters (bidi
 * overrides and isolates, zero-width joiners and spaces, the byte order mark, soft hyphens), no
 * line or paragraph separators and no unpaired surrogates. Such characters let a name look like
 * another one ({@code admin\u202E} or {@code fi\u200Bnance}), break logs and terminals, and have no
 * place in an identifier.
 */
public final class SafeText {
  /** What a field that breaks the rule is told. */
  public static final String FAULT =
      "must not contain control, format (bidi, zero-width), non-ASCII space or unpaired surrogate"
          + " characters";

  private SafeText() {}

  /** Whether the text keeps the rule. */
  public static boolean isSafe(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == 0x7F) {
          return false;
        }
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (!isSafeCodePoint(Character.toCodePoint(c, text.charAt(++i)))) {
          return false;
        }
      } else if (!isSafeCodePoint(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text as it may be shown back in a problem: each character the rule refuses as {@code
   * \\uXXXX}, so that an answer or a log line never carries one.
   */
  public static String shown(String text) {
    if (isSafe(text)) {
      return text;
    }
    StringBuilder shown = new StringBuilder();
    text.codePoints()
        .forEach(
            codePoint -> {
              if (codePoint >= 0x20 && codePoint != 0x7F && isSafeCodePoint(codePoint)) {
                shown.appendCodePoint(codePoint);
              } else {
                for (char c : Character.toChars(codePoint)) {
                  shown.append(String.format("\\u%04x", (int) c));
                }
              }
            });
    return shown.toString();
  }

  private static boolean isSafeCodePoint(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.SPACE_SEPARATOR -> codePoint == ' ';
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
