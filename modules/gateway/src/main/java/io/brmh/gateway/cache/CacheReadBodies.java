package io.brmh.gateway.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The answers of the cache read routes, field for field as the original's (absent fields are left
 * out, as it left them out).
 */
final class CacheReadBodies {
  private CacheReadBodies() {}

  /** {@code GET /cache/data} without {@code key} or {@code pattern}: every key, in order. */
  @Serdeable
  @Schema(name = "CacheKeyList")
  record KeyList(String message, long keysFound, List<String> keys, @Nullable String note) {}

  /** {@code GET /cache/data?pattern=}: the values of the matching keys, by key. */
  @Serdeable
  @Schema(name = "CacheMatchedValues")
  record MatchedValues(
      String message,
      int keysFound,
      @Schema(description = "present when only the first keys in order were examined") @Nullable
          Long keysExamined,
      @Nullable Boolean truncated,
      @Schema(description = "each matching key's value: an item, or a chunk's list of items")
          Map<String, Object> data) {}

  /** {@code GET /cache/data?key=}: one value, with its size. */
  @Serdeable
  @Schema(name = "CacheValue")
  record Value(String message, String key, Object data, ValueMetadata metadata) {}

  /**
   * @param dataLength items in the value: a chunk's count, 1 for an item
   * @param dataSize bytes of the value's JSON
   */
  @Serdeable
  @Schema(name = "CacheValueMetadata")
  record ValueMetadata(
      int dataLength,
      long dataSize,
      String dataSizeFormatted,
      boolean isArray,
      @Schema(allowableValues = {"array", "object"}) String itemType) {}

  /** {@code GET /cache/data-in-sequence}: a page of keys, and with {@code includeData} values. */
  @Serdeable
  @Schema(name = "CacheSequencePage")
  record SequencePage(
      String message,
      int keysFound,
      long totalKeys,
      List<String> keys,
      @Schema(description = "with includeData=true: each key's value") @Nullable
          Map<String, Object> data,
      @Nullable String note,
      Pagination pagination) {}

  @Serdeable
  @Schema(name = "CachePagination")
  record Pagination(int currentPage, long totalPages, boolean hasMore, long totalItems) {}

  /**
   * {@code GET /cache/keys}: a page of keys; {@code keysFound} counts them all, as the original.
   */
  @Serdeable
  @Schema(name = "CacheKeysPage")
  record KeysPage(
      String message,
      long keysFound,
      List<String> keys,
      int currentPage,
      long totalPages,
      boolean hasMore) {}

  /** {@code GET /cache/stats}. */
  @Serdeable
  @Schema(name = "CacheStatsAnswer")
  record StatsAnswer(String message, Stats stats) {}

  /**
   * @param sampleTTLs the time to live of the first five keys, in seconds (-1: none)
   */
  @Serdeable
  @Schema(name = "CacheStats")
  record Stats(
      long totalKeys,
      String pattern,
      String project,
      String table,
      String timestamp,
      @Nullable List<SampleTtl> sampleTTLs) {}

  @Serdeable
  @Schema(name = "CacheSampleTtl")
  record SampleTtl(String key, long ttl) {}

  /** {@code GET /cache/debug/{project}/{table}/{key}}. */
  @Serdeable
  @Schema(name = "CacheDebugValue")
  record DebugValue(String message, String key, Object data, long size, String timestamp) {}
}
