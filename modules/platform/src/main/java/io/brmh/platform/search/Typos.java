package io.brmh.platform.search;

/**
 * How many typos a search word forgives, by its length, the same in every engine: none up to two
 * characters, one from three, two from six ({@code iphnoe} finds {@code iphone}).
 */
public final class Typos {
  private Typos() {}

  public static int allowedEdits(String term) {
    int length = term.codePointCount(0, term.length());
    return length < 3 ? 0 : length < 6 ? 1 : 2;
  }
}
