package io.brmh.platform.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items that put every corner of DynamoDB's value space through a cache: ids in many scripts
 * (emoji, combining marks, right-to-left text) or numeric (0, negatives, beyond 2^53, decimals);
 * numbers of 38 digits and exponents up to ±125; maps and lists nested five deep; string, number
 * and binary sets; empty strings, lists and maps; and a few items of about 350 KB. Deterministic
 * for a seed, so a failing run can be repeated.
 */
public final class VariedItems {
  /** Ids a string-keyed table should hold besides generated ones. */
  public static final List<String> SPECIAL_IDS =
      List.of(
          "café",
          "cafe\u0301",
          "😀🎉",
          "שלום עולם",
          "مرحبا بالعالم",
          "ключ",
          "日本語のキー",
          "a b\tc",
          "x\u200Fy",
          "e\u0301\u0302\u0303",
          "\uD83D\uDC69\u200D\uD83D\uDCBB",
          "quote\"back\\slash",
          "0",
          "-1");

  /** Ids a number-keyed table should hold besides generated ones. */
  public static final List<String> SPECIAL_NUMBER_IDS =
      List.of(
          "0",
          "-1",
          "9007199254740993",
          "-9007199254740993",
          "12345678901234567890123456789012345678",
          "3.1415926535897932384626433832795028841",
          "-0.000000000000000000001",
          "1E+125");

  private static final int LARGE_ITEM_CHARS = 350_000;

  private final Random random;

  public VariedItems(long seed) {
    this.random = new Random(seed);
  }

  /** Generated and special string ids, {@code count} in all (at least the special ones). */
  public List<String> stringIds(int count) {
    Set<String> ids = new LinkedHashSet<>(SPECIAL_IDS);
    for (int i = 0; ids.size() < count; i++) {
      ids.add(i % 3 == 0 ? "item-" + i : i % 3 == 1 ? "ítém-" + i + "-ü" : "𝔦𝔱𝔢𝔪-" + i);
    }
    return new ArrayList<>(ids);
  }

  /** Generated and special number ids, {@code count} in all. */
  public List<String> numberIds(int count) {
    Set<String> ids = new LinkedHashSet<>(SPECIAL_NUMBER_IDS);
    while (ids.size() < count) {
      ids.add(
          random.nextBoolean()
              ? Long.toString(random.nextLong())
              : decimal(1 + random.nextInt(38), 20));
    }
    return new ArrayList<>(ids);
  }

  /** An item with the given key attribute; {@code large} makes it about 350 KB. */
  public Map<String, AttributeValue> item(String keyName, AttributeValue key, boolean large) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(keyName, key);
    item.put("exact", AttributeValue.fromN("0.1000000000000000055511151231257827"));
    item.put("big", AttributeValue.fromN("17303261256590089746.68"));
    item.put("digits38", AttributeValue.fromN(decimal(38, 30)));
    item.put("huge", AttributeValue.fromN(mantissa() + "E+" + (100 + random.nextInt(26))));
    item.put("tiny", AttributeValue.fromN("-" + mantissa() + "E-" + (100 + random.nextInt(26))));
    item.put(
        "beyond53",
        AttributeValue.fromN(
            BigInteger.TWO.pow(53).add(BigInteger.valueOf(1 + random.nextInt(1000))).toString()));
    item.put("int", AttributeValue.fromN(Integer.toString(random.nextInt(2_000_001) - 1_000_000)));
    item.put("nested", nested(5));
    item.put(
        "words",
        AttributeValue.fromSs(List.of("alpha", "ωmega", "😀", "" + random.nextInt(100) + "x")));
    item.put(
        "amounts",
        AttributeValue.fromNs(List.of("1.5", "-0.25", decimal(30, 25), "9007199254740993")));
    item.put("blobs", AttributeValue.fromBs(List.of(bytes(3), bytes(17))));
    item.put("blob", AttributeValue.fromB(bytes(64)));
    item.put("empty", AttributeValue.fromS(""));
    item.put("emptyList", AttributeValue.fromL(List.of()));
    item.put("emptyMap", AttributeValue.fromM(Map.of()));
    item.put("flag", AttributeValue.fromBool(random.nextBoolean()));
    item.put("nothing", AttributeValue.fromNul(true));
    item.put(
        "text", AttributeValue.fromS("line\nbreak \"quoted\" \\ tab\t שלום 😀 e\u0301 \u0001"));
    if (large) {
      item.put("payload", AttributeValue.fromS("x".repeat(LARGE_ITEM_CHARS)));
    }
    return item;
  }

  /** A number value other than the item's, for modifications. */
  public AttributeValue anotherNumber() {
    return AttributeValue.fromN(
        random.nextBoolean()
            ? decimal(1 + random.nextInt(38), 37)
            : mantissa() + "E-" + random.nextInt(126));
  }

  private AttributeValue nested(int depth) {
    if (depth == 0) {
      return AttributeValue.fromN(decimal(1 + random.nextInt(38), 10));
    }
    Map<String, AttributeValue> map = new HashMap<>();
    map.put("n" + depth, AttributeValue.fromN(decimal(20, 19)));
    map.put("s" + depth, AttributeValue.fromS("level " + depth + " ✓"));
    map.put(
        "list",
        AttributeValue.fromL(
            List.of(nested(depth - 1), AttributeValue.fromS(""), AttributeValue.fromL(List.of()))));
    return AttributeValue.fromM(map);
  }

  /**
   * A decimal of {@code digits} significant digits, with up to {@code maxScale} of them after the
   * point.
   */
  private String decimal(int digits, int maxScale) {
    StringBuilder unscaled = new StringBuilder();
    unscaled.append(1 + random.nextInt(9));
    for (int i = 1; i < digits; i++) {
      unscaled.append(random.nextInt(10));
    }
    BigDecimal value =
        new BigDecimal(
            new BigInteger(unscaled.toString()), random.nextInt(Math.min(digits, maxScale) + 1));
    return (random.nextBoolean() ? value.negate() : value).toPlainString();
  }

  /** Up to 38 significant digits as d.ddd… */
  private String mantissa() {
    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9)).append('.');
    int count = random.nextInt(36);
    for (int i = 0; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    digits.append(1 + random.nextInt(9));
    return digits.toString();
  }

  private SdkBytes bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return SdkBytes.fromByteArray(bytes);
  }
}
