package io.brmh.platform.cache;

import java.text.Collator;

/**
 * The JDK collator's three weight levels of each printable ASCII character, read once from the
 * collator itself. The en-US rules have no contractions or expansions among these characters, so a
 * string's collation key is its characters' primary weights, a 0, their secondary weights, a 0,
 * their tertiary weights: building it from this table gives the collator's key without its cost
 * (about 4 microseconds an id, a fifth of a bulk load's time). {@code ItemOrderTest} checks that
 * the two agree on every string of up to two characters and on many longer ones.
 */
final class AsciiWeights {
  private static final char FIRST = 0x20;
  private static final char LAST = 0x7E;
  private static final int LEVELS = 3;

  /**
   * [character - FIRST][level]: the encoded weights, or null for a character the fast path leaves
   * to the collator.
   */
  private final char[][][] weights;

  private AsciiWeights(char[][][] weights) {
    this.weights = weights;
  }

  static AsciiWeights fromJdkCollator(Collator collator) {
    char[][][] weights = new char[LAST - FIRST + 1][][];
    for (char c = FIRST; c <= LAST; c++) {
      String[] levels = levels(collator, c);
      if (levels != null) {
        weights[c - FIRST] = new char[LEVELS][];
        for (int level = 0; level < LEVELS; level++) {
          weights[c - FIRST][level] = levels[level].toCharArray();
        }
      }
    }
    return new AsciiWeights(weights);
  }

  /**
   * A character's weights per level, encoded as {@link ItemOrder} encodes key values; null if its
   * key has another shape.
   */
  private static String[] levels(Collator collator, char c) {
    byte[] key = collator.getCollationKey(String.valueOf(c)).toByteArray();
    String[] levels = new String[LEVELS];
    StringBuilder level = new StringBuilder();
    int at = 0;
    for (int i = 0; i + 1 < key.length; i += 2) {
      int value = (key[i] & 0xFF) << 8 | (key[i + 1] & 0xFF);
      if (value == 0) {
        if (at == LEVELS - 1) {
          return null;
        }
        levels[at++] = level.toString();
        level.setLength(0);
      } else {
        level.appendCodePoint(ItemOrder.encoded(value));
      }
    }
    if (at != LEVELS - 1) {
      return null;
    }
    levels[at] = level.toString();
    return levels;
  }

  /** The member of an id of printable ASCII only, or null for any other id. */
  String member(String itemId, char separator) {
    for (int i = 0; i < itemId.length(); i++) {
      char c = itemId.charAt(i);
      if (c < FIRST || c > LAST || weights[c - FIRST] == null) {
        return null;
      }
    }
    int length =
        LEVELS + itemId.length(); // the level separators and the id's separator, then the id
    for (int i = 0; i < itemId.length(); i++) {
      for (char[] level : weights[itemId.charAt(i) - FIRST]) {
        length += level.length;
      }
    }
    char[] member = new char[length];
    int at = 0;
    for (int level = 0; level < LEVELS; level++) {
      if (level > 0) {
        member[at++] = (char) ItemOrder.encoded(0);
      }
      for (int i = 0; i < itemId.length(); i++) {
        char[] weight = weights[itemId.charAt(i) - FIRST][level];
        System.arraycopy(weight, 0, member, at, weight.length);
        at += weight.length;
      }
    }
    member[at++] = separator;
    itemId.getChars(0, itemId.length(), member, at);
    return new String(member);
  }
}
