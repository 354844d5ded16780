package io.brmh.cacheworker.bulk;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemJson;
import java.util.ArrayList;
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

  /**
   * Moves complete units out of the carried items: every item in item mode ({@code perKey} 1),
   * groups of {@code perKey} in chunk mode, plus the shorter last group after the last page.
   *
   * @return the next unit number
   */
  static long take(
      int perKey,
      CacheKeys keys,
      CarriedItems carried,
      boolean lastPage,
      long nextUnit,
      List<CacheUnit> units) {
    if (perKey == 1) {
      while (!carried.isEmpty()) {
        CarriedItems.Item item = carried.poll();
        String id = item.id() != null ? item.id() : Long.toString(nextUnit);
        units.add(new CacheUnit(keys.item(id), item.json(), List.of(id), 1, -1));
        nextUnit++;
      }
      return nextUnit;
    }
    while (carried.size() >= perKey || (lastPage && !carried.isEmpty())) {
      List<String> texts = new ArrayList<>(perKey);
      List<String> ids = new ArrayList<>(perKey);
      while (texts.size() < perKey && !carried.isEmpty()) {
        CarriedItems.Item item = carried.poll();
        texts.add(item.json());
        if (item.id() != null) {
          ids.add(item.id());
        }
      }
      units.add(
          new CacheUnit(
              keys.chunk(nextUnit), ItemJson.writeArray(texts), ids, texts.size(), nextUnit));
      nextUnit++;
    }
    return nextUnit;
  }
}
