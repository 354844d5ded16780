package io.brmh.cacheworker.bulk;

import java.util.List;

/**
 * One key a bulk load writes: an item ({@code chunk < 0}) or a chunk.
 *
 * @param key the Redis key
 * @param json the value, as {@link io.brmh.platform.cache.JsJson} writes it
 * @param itemIds the ids of the items in it (items without an id have none)
 * @param itemCount how many items it holds
 * @param chunk the chunk number, or -1 for an item key
 */
record CacheUnit(String key, String json, List<String> itemIds, int itemCount, long chunk) {
  boolean isChunk() {
    return chunk >= 0;
  }
}
