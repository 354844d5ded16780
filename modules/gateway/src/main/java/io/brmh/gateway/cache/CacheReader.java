package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.json.ExactJson;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads one cached table through its key index, never by scanning the keyspace. Keys come in the
 * original's order: item keys first, by en-US collation (close to JavaScript's localeCompare), then
 * chunks by number.
 */
@Singleton
class CacheReader {
  private final RedissonClient redis;

  CacheReader(RedissonClient redis) {
    this.redis = redis;
  }

  /** Every key of the table's cache, in order, as full Redis keys. */
  List<String> keys(CacheKeys keys) {
    Collator collator = Collator.getInstance(Locale.US);
    List<String> ids = new ArrayList<>(redis.<String>getSet(keys.itemIndex(), StringCodec.INSTANCE).readAll());
    ids.sort(collator);
    List<String> full = new ArrayList<>(ids.size());
    ids.forEach(id -> full.add(keys.item(id)));
    redis.<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE).readAll()
        .forEach(n -> full.add(keys.chunk(Long.parseLong(n))));
    return full;
  }

  /** The keys whose part after {@code {project}:{table}:} matches a glob ({@code * ? [..]}). */
  List<String> matching(CacheKeys keys, String glob) {
    Pattern pattern = globToRegex(glob);
    return keys(keys).stream().filter(key -> pattern.matcher(key.substring(keys.prefix().length())).matches()).toList();
  }

  Optional<String> raw(String fullKey) {
    return Optional.ofNullable(redis.<String>getBucket(fullKey, StringCodec.INSTANCE).get()).filter(value -> !value.isEmpty());
  }

  /** The stored text of these keys, in their order; keys that expired meanwhile are left out. */
  Map<String, String> rawValues(List<String> fullKeys) {
    Map<String, String> values = new LinkedHashMap<>();
    if (fullKeys.isEmpty()) {
      return values;
    }
    Map<String, String> stored = redis.getBuckets(StringCodec.INSTANCE).get(fullKeys.toArray(String[]::new));
    for (String key : fullKeys) {
      String text = stored.get(key);
      if (text != null && !text.isEmpty()) {
        values.put(key, text);
      }
    }
    return values;
  }

  /** The parsed values of these keys; keys that expired meanwhile are left out. */
  Map<String, Object> values(List<String> fullKeys) {
    Map<String, Object> values = new LinkedHashMap<>();
    rawValues(fullKeys).forEach((key, text) -> values.put(key, parse(text)));
    return values;
  }

  Object parse(String text) {
    try {
      return ExactJson.readPlain(text);
    } catch (IOException notJson) {
      return Map.of("error", "Invalid JSON data", "rawValue", text.substring(0, Math.min(100, text.length())) + "...");
    }
  }

  /** Seconds to live as Redis TTL reports them: -1 without expiry, -2 when the key is gone. */
  long ttlSeconds(String fullKey) {
    long millis = redis.getBucket(fullKey, StringCodec.INSTANCE).remainTimeToLive();
    return millis < 0 ? millis : Math.round(millis / 1000.0);
  }

  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        if (c == ']') {
          inClass = false;
          regex.append(']');
        } else {
          regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
        }
        continue;
      }
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '[' -> {
          inClass = true;
          regex.append('[');
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inClass) {
      throw new IllegalArgumentException("unclosed [ in pattern");
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
