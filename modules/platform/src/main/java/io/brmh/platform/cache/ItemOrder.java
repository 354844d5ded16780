package io.brmh.platform.cache;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The read order of a table's item keys, as members of a Redis sorted set whose scores are all 0:
 * Redis orders such members by their bytes, so page P of size L is one {@code ZRANGE} by rank,
 * O(log N + L), and the order is the original's (en-US collation, close to JavaScript's {@code
 * localeCompare}), ties by the id's bytes.
 *
 * <p>A member is the id's collation key, then a NUL, then the id. The collation key's 16-bit values
 * each become one code point one higher (skipping the surrogates), so the key holds no NUL and its
 * UTF-8 bytes compare as the values do: a key that is a prefix of another sorts first, as the
 * collator says. Latin ids cost about one byte per character per collation level (three levels):
 * {@code item-000001} becomes a 47-byte member.
 *
 * <p>Ids of printable ASCII, the common case, take a fast path ({@link AsciiWeights}) that builds
 * the same member from each character's weights, about 50 times faster than the collator.
 *
 * <p>(Ids holding the noncharacter U+FFFF, which the JDK's collator uses as a marker of its own,
 * may sort differently from {@code Collator.compare}; the test corpus leaves it out.)
 *
 * <p>The collation rules are the JDK's for {@link Locale#US}; they have not changed in decades, but
 * a JDK that changed them would compute other members than the ones stored, and a change to an item
 * would then leave its old member behind until the next bulk load rebuilt the index.
 */
public final class ItemOrder {
  private static final char SEPARATOR = '\u0000';
  private static final int FIRST_SURROGATE = 0xD800;
  private static final int SURROGATE_COUNT = 0x800;
  private static final AsciiWeights ASCII = AsciiWeights.fromJdkCollator(collator());

  private ItemOrder() {}

  /** The sorted-set member of one item id. */
  public static String member(String itemId) {
    return member(collator(), itemId);
  }

  /** The members of several ids, in their order (one collator for all). */
  public static List<String> members(Collection<String> itemIds) {
    Collator collator = collator();
    List<String> members = new ArrayList<>(itemIds.size());
    itemIds.forEach(id -> members.add(member(collator, id)));
    return members;
  }

  /** The item id a member stands for. */
  public static String idOf(String member) {
    int separator = member.indexOf(SEPARATOR);
    if (separator < 0) {
      throw new IllegalArgumentException("not an item-order member: " + member);
    }
    return member.substring(separator + 1);
  }

  /** The item ids of several members, in their order. */
  public static List<String> idsOf(Collection<String> members) {
    List<String> ids = new ArrayList<>(members.size());
    members.forEach(member -> ids.add(idOf(member)));
    return ids;
  }

  private static String member(Collator collator, String itemId) {
    String fast = ASCII.member(itemId, SEPARATOR);
    return fast != null ? fast : collatorMember(collator, itemId);
  }

  /**
   * The member as the JDK's collator makes it, for any id (about 4 microseconds for a short one).
   */
  static String collatorMember(Collator collator, String itemId) {
    byte[] key = collator.getCollationKey(itemId).toByteArray();
    StringBuilder member = new StringBuilder(key.length / 2 + 1 + itemId.length());
    for (int i = 0; i + 1 < key.length; i += 2) {
      int value = (key[i] & 0xFF) << 8 | (key[i + 1] & 0xFF);
      member.appendCodePoint(encoded(value));
    }
    return member.append(SEPARATOR).append(itemId).toString();
  }

  /**
   * A collation key value as the code point that stands for it: one higher, past the surrogates.
   */
  static int encoded(int keyValue) {
    int value = keyValue + 1;
    return value < FIRST_SURROGATE ? value : value + SURROGATE_COUNT;
  }

  /** A fresh collator: {@link Collator} instances are not safe to share between threads. */
  static Collator collator() {
    return Collator.getInstance(Locale.US);
  }
}
