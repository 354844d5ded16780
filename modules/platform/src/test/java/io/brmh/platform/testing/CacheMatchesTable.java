package io.brmh.platform.testing;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.ItemOrder;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.json.ExactJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Compares a cache with its table item by item, value by value, the way a client reads the cache:
 * item keys {@code P:T:<id>} or chunks {@code P:T:chunk:0, 1, ...} until the first missing number.
 * Cached JSON numbers are parsed as {@link BigDecimal} and compared by value with the table's,
 * never through a double; sets are compared as sets; binary as base64. Independent of the writer
 * ({@link JsJson}): it checks meaning, not text.
 */
public final class CacheMatchesTable {
  private static final int SHOWN = 10;

  private CacheMatchesTable() {}

  /**
   * What differs, as readable lines (at most a few of each kind); empty when the cache equals the
   * table.
   */
  public static List<String> differences(
      RedissonClient redis, DynamoDbClient dynamo, CacheKeys keys, int itemsPerKey) {
    List<String> keyAttributes = keyAttributes(dynamo, keys.table());
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamo
        .scanPaginator(b -> b.tableName(keys.table()).consistentRead(true))
        .items()
        .forEach(items::add);
    return differences(redis, keys, itemsPerKey, keyAttributes, items);
  }

  public static List<String> keyAttributes(DynamoDbClient dynamo, String table) {
    return dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
        .map(KeySchemaElement::attributeName)
        .toList();
  }

  /**
   * What differs between the cache and the items given (for a cache that should hold what the table
   * does not hold yet).
   */
  public static List<String> differences(
      RedissonClient redis,
      CacheKeys keys,
      int itemsPerKey,
      List<String> keyAttributes,
      Collection<Map<String, AttributeValue>> items) {
    Map<String, Map<String, AttributeValue>> table = new HashMap<>();
    items.forEach(item -> table.put(ItemIds.ofItem(item, keyAttributes).orElseThrow(), item));
    Map<String, Object> cached = new HashMap<>();
    List<String> differences = new ArrayList<>();
    if (itemsPerKey == 1) {
      for (String id : table.keySet()) {
        String text = redis.<String>getBucket(keys.item(id), StringCodec.INSTANCE).get();
        if (text != null) {
          cached.put(id, parse(text, keys.item(id), differences));
        }
      }
      Set<String> indexed = IndexedItems.of(redis, keys);
      IndexedItems.misplaced(redis, keys)
          .forEach(
              member ->
                  report(differences, "indexed out of read order: " + ItemOrder.idOf(member)));
      extra(indexed, table.keySet(), "indexed but not in the table", differences);
    } else {
      for (int n = 0; ; n++) {
        String text = redis.<String>getBucket(keys.chunk(n), StringCodec.INSTANCE).get();
        if (text == null) {
          break;
        }
        if (parse(text, keys.chunk(n), differences) instanceof List<?> chunk) {
          for (Object item : chunk) {
            String id = item instanceof Map<?, ?> map ? idOf(map, keyAttributes) : null;
            if (id == null || cached.put(id, item) != null) {
              report(differences, "chunk " + n + " holds an item twice or without an id: " + id);
            }
          }
        }
      }
    }
    extra(cached.keySet(), table.keySet(), "cached but not in the table", differences);
    table.forEach(
        (id, item) -> {
          Object value = cached.get(id);
          if (value == null) {
            report(differences, "missing: " + id);
          } else {
            compare(id, AttributeValue.fromM(item), value, differences);
          }
        });
    return differences;
  }

  @SuppressWarnings("unchecked")
  private static String idOf(Map<?, ?> item, List<String> keyAttributes) {
    Map<String, Object> plain = (Map<String, Object>) PlainValues.normalize(item);
    return ItemIds.of(plain, keyAttributes).orElse(null);
  }

  private static Object parse(String text, String key, List<String> differences) {
    try {
      return ExactJson.readPlain(text);
    } catch (IOException e) {
      report(differences, key + " is not JSON: " + e.getMessage());
      return null;
    }
  }

  private static void extra(
      Collection<String> found, Set<String> expected, String what, List<String> differences) {
    found.stream()
        .filter(id -> !expected.contains(id))
        .limit(SHOWN)
        .forEach(id -> report(differences, what + ": " + id));
  }

  private static void compare(
      String path, AttributeValue expected, Object actual, List<String> differences) {
    boolean same =
        switch (expected.type()) {
          case S -> expected.s().equals(actual);
          case N ->
              actual instanceof Number number
                  && new BigDecimal(expected.n()).compareTo(decimal(number)) == 0;
          case BOOL -> expected.bool().equals(actual);
          case NUL -> actual == null;
          case B -> base64(expected.b()).equals(actual);
          case SS ->
              actual instanceof List<?> list
                  && new HashSet<>(expected.ss()).equals(new HashSet<>(list))
                  && list.size() == expected.ss().size();
          case BS ->
              actual instanceof List<?> list
                  && expected.bs().stream()
                      .map(CacheMatchesTable::base64)
                      .collect(java.util.stream.Collectors.toSet())
                      .equals(new HashSet<>(list))
                  && list.size() == expected.bs().size();
          case NS -> actual instanceof List<?> list && sameNumbers(expected.ns(), list);
          case M ->
              actual instanceof Map<?, ?> map && sameMap(path, expected.m(), map, differences);
          case L ->
              actual instanceof List<?> list && sameList(path, expected.l(), list, differences);
          default -> false;
        };
    if (!same) {
      report(differences, path + ": table has " + expected + ", cache has " + actual);
    }
  }

  private static boolean sameMap(
      String path,
      Map<String, AttributeValue> expected,
      Map<?, ?> actual,
      List<String> differences) {
    if (!expected.keySet().equals(actual.keySet())) {
      return false;
    }
    int before = differences.size();
    expected.forEach(
        (name, value) -> compare(path + "." + name, value, actual.get(name), differences));
    return differences.size() == before;
  }

  private static boolean sameList(
      String path, List<AttributeValue> expected, List<?> actual, List<String> differences) {
    if (expected.size() != actual.size()) {
      return false;
    }
    int before = differences.size();
    for (int i = 0; i < expected.size(); i++) {
      compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
    }
    return differences.size() == before;
  }

  private static boolean sameNumbers(List<String> expected, List<?> actual) {
    if (expected.size() != actual.size() || !actual.stream().allMatch(Number.class::isInstance)) {
      return false;
    }
    List<BigDecimal> want = expected.stream().map(BigDecimal::new).sorted().toList();
    List<BigDecimal> have = actual.stream().map(n -> decimal((Number) n)).sorted().toList();
    for (int i = 0; i < want.size(); i++) {
      if (want.get(i).compareTo(have.get(i)) != 0) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (number instanceof Long || number instanceof Integer) {
      return BigDecimal.valueOf(number.longValue());
    }
    throw new IllegalArgumentException(
        "a " + number.getClass().getSimpleName() + " is no exact number");
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  private static void report(List<String> differences, String difference) {
    if (differences.size() < 50) {
      differences.add(difference.length() > 300 ? difference.substring(0, 300) + "…" : difference);
    }
  }
}
