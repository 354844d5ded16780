package io.brmh.gateway.cache;

import io.brmh.gateway.cache.CacheReadBodies.DebugValue;
import io.brmh.gateway.cache.CacheReadBodies.KeyList;
import io.brmh.gateway.cache.CacheReadBodies.KeysPage;
import io.brmh.gateway.cache.CacheReadBodies.MatchedValues;
import io.brmh.gateway.cache.CacheReadBodies.Pagination;
import io.brmh.gateway.cache.CacheReadBodies.SampleTtl;
import io.brmh.gateway.cache.CacheReadBodies.SequencePage;
import io.brmh.gateway.cache.CacheReadBodies.Stats;
import io.brmh.gateway.cache.CacheReadBodies.StatsAnswer;
import io.brmh.gateway.cache.CacheReadBodies.Value;
import io.brmh.gateway.cache.CacheReadBodies.ValueMetadata;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of the cache read routes, over {@link CacheReader}: what each answers, when a cache
 * counts as missing (404), and how large an answer may grow (413).
 */
@Singleton
class CacheReads {
  static final long MAX_RESPONSE_BYTES = 50L * 1024 * 1024;
  private static final String NOTE = "Use ?key=chunk:0 to get actual data for a specific key";

  private final CacheReader reader;

  CacheReads(CacheReader reader) {
    this.reader = reader;
  }

  /** Every key of the cache, in order (the index caps how many). */
  KeyList keys(CacheKeys keys) {
    List<String> all = reader.keys(keys);
    if (all.isEmpty()) {
      return new KeyList("Cache keys retrieved", 0, List.of(), null);
    }
    return new KeyList("Cache keys retrieved in sequence (keys only)", all.size(), all, NOTE);
  }

  /**
   * The values of the keys matching {@code pattern}, among the first keys in order.
   *
   * @throws ProblemException 400 naming {@code pattern} when it is malformed, 404 when nothing
   *     matches, 413 when the values exceed {@link #MAX_RESPONSE_BYTES}
   */
  MatchedValues matching(CacheKeys keys, String pattern) {
    KeyGlob glob;
    try {
      glob = KeyGlob.compile(pattern);
    } catch (IllegalArgumentException malformed) {
      throw ProblemException.invalidField("pattern", malformed.getMessage());
    }
    CacheReader.Matches matches = reader.matching(keys, glob);
    if (matches.keys().isEmpty() && matches.complete()) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "no-cached-keys",
          "No cached keys found matching pattern " + keys.prefix() + pattern + ".");
    }
    Map<String, String> raw = reader.rawValues(matches.keys());
    long bytes =
        raw.values().stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
    if (bytes > MAX_RESPONSE_BYTES) {
      throw new ProblemException(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "response-too-large",
          "The matching values hold "
              + bytes
              + " bytes, more than 50MB; use /cache/data-in-sequence or a narrower pattern.");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    raw.forEach((key, text) -> data.put(key, reader.parse(text)));
    return matches.complete()
        ? new MatchedValues("Cached data retrieved", matches.keys().size(), null, null, data)
        : new MatchedValues(
            "Cached data retrieved from the first "
                + matches.keysExamined()
                + " keys in order only; use /cache/data-in-sequence for the rest",
            matches.keys().size(),
            matches.keysExamined(),
            true,
            data);
  }

  /**
   * One value, with its size.
   *
   * @throws ProblemException 404 when the key holds nothing
   */
  Value value(CacheKeys keys, String key) {
    String fullKey = keys.prefix() + key;
    String raw = raw(fullKey, "Cached key not found: ");
    Object data = reader.parse(raw);
    int size = raw.getBytes(StandardCharsets.UTF_8).length;
    boolean isArray = data instanceof List<?>;
    return new Value(
        "Cached data retrieved",
        fullKey,
        data,
        new ValueMetadata(
            data instanceof List<?> list ? list.size() : 1,
            size,
            String.format(Locale.ROOT, "%.2f KB", size / 1024.0),
            isArray,
            isArray ? "array" : "object"));
  }

  /**
   * Page {@code page} of {@code limit} keys in order, with their values when asked.
   *
   * @throws ProblemException 404 when the cache has no key
   */
  SequencePage sequence(CacheKeys keys, int page, int limit, boolean includeData) {
    CacheReader.KeyPage keyPage = nonEmptyPage(keys, page, limit);
    long total = keyPage.totalKeys();
    long totalPages = pages(total, limit);
    List<String> pageKeys = keyPage.keys();
    return new SequencePage(
        "Cache keys retrieved in sequence with pagination" + (includeData ? "" : " (keys only)"),
        pageKeys.size(),
        total,
        pageKeys,
        includeData ? reader.values(pageKeys) : null,
        includeData ? null : NOTE,
        new Pagination(page, totalPages, page < totalPages, total));
  }

  /**
   * Page {@code page} of {@code limit} keys in order.
   *
   * @throws ProblemException 404 when the cache has no key
   */
  KeysPage keysPage(CacheKeys keys, int page, int limit) {
    CacheReader.KeyPage keyPage = nonEmptyPage(keys, page, limit);
    long totalPages = pages(keyPage.totalKeys(), limit);
    return new KeysPage(
        "Paginated cache keys retrieved",
        keyPage.totalKeys(),
        keyPage.keys(),
        page,
        totalPages,
        page < totalPages);
  }

  /** How many keys the cache has, and the time to live of the first five. */
  StatsAnswer stats(CacheKeys keys) {
    CacheReader.KeyPage sample = reader.page(keys, 0, 5);
    List<SampleTtl> ttls =
        sample.keys().isEmpty()
            ? null
            : sample.keys().stream()
                .map(key -> new SampleTtl(key, reader.ttlSeconds(key)))
                .toList();
    return new StatsAnswer(
        "Cache statistics retrieved",
        new Stats(
            sample.totalKeys(),
            keys.prefix() + "*",
            keys.project(),
            keys.table(),
            Instant.now().toString(),
            ttls));
  }

  /**
   * One value with its size in bytes.
   *
   * @throws ProblemException 404 when the key holds nothing
   */
  DebugValue debug(CacheKeys keys, String key) {
    String fullKey = keys.prefix() + key;
    String raw = raw(fullKey, "Key not found: ");
    return new DebugValue(
        "Debug cache data retrieved",
        fullKey,
        reader.parse(raw),
        raw.getBytes(StandardCharsets.UTF_8).length,
        Instant.now().toString());
  }

  private String raw(String fullKey, String notFound) {
    return reader
        .raw(fullKey)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND, "cached-key-not-found", notFound + fullKey + "."));
  }

  private CacheReader.KeyPage nonEmptyPage(CacheKeys keys, int page, int limit) {
    CacheReader.KeyPage keyPage = reader.page(keys, (long) (page - 1) * limit, limit);
    if (keyPage.totalKeys() == 0) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "no-cached-keys",
          "No cached keys found for " + keys.prefix() + "*.");
    }
    return keyPage;
  }

  private static long pages(long total, int limit) {
    return (total + limit - 1) / limit;
  }
}
