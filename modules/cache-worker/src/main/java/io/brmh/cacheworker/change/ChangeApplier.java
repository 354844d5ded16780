package io.brmh.cacheworker.change;

import io.brmh.cacheworker.store.CachedValues;
import io.brmh.cacheworker.store.ChunkCache;
import io.brmh.cacheworker.store.ItemChange;
import io.brmh.cacheworker.store.ItemKeyCache;
import io.brmh.cacheworker.store.LegacyItemSets;
import io.brmh.cacheworker.store.TableCache;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.PlainValues;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RedissonClient;

/**
 * Applies one table change to every active cache configuration of its table, whatever their
 * strategy. Idempotent: a change applied twice leaves the same cache. Stream changes applied before
 * are left out ({@link StreamRepeats}).
 */
@Singleton
public class ChangeApplier {
  private final ActiveCacheConfigs configs;
  private final RedissonClient redis;
  private final CachedValues values;
  private final StreamRepeats repeats;
  private final LegacyItemSets legacyItemSets;

  ChangeApplier(
      ActiveCacheConfigs configs,
      RedissonClient redis,
      CachedValues values,
      StreamRepeats repeats,
      LegacyItemSets legacyItemSets) {
    this.legacyItemSets = legacyItemSets;
    this.repeats = repeats;
    this.configs = configs;
    this.redis = redis;
    this.values = values;
  }

  /**
   * @throws UnplaceableChangeException when the item has no id to key it by
   */
  public void apply(TableItemChanged change) {
    applyAll(List.of(change));
  }

  /**
   * Applies changes in order, table by table, each table's changes as one batch per configuration.
   *
   * @throws UnplaceableChangeException when an item has no id to key it by; nothing of the batch is
   *     applied then
   */
  public void applyAll(List<TableItemChanged> changes) {
    Map<String, List<TableItemChanged>> byTable = new LinkedHashMap<>();
    changes.forEach(
        change ->
            byTable
                .computeIfAbsent(change.source().table(), table -> new ArrayList<>())
                .add(change));
    Map<String, StreamRepeats.Fresh> fresh = new LinkedHashMap<>();
    Map<String, List<ItemChange>> prepared = new LinkedHashMap<>();
    Map<String, List<String>> keyAttributesByTable = new HashMap<>();
    byTable.forEach(
        (table, tableChanges) -> {
          StreamRepeats.Fresh tableFresh = repeats.fresh(table, tableChanges);
          List<ItemChange> itemChanges = new ArrayList<>(tableFresh.changes().size());
          tableFresh.changes().forEach(change -> itemChanges.add(itemChange(change)));
          fresh.put(table, tableFresh);
          prepared.put(table, itemChanges);
          keyAttributesByTable.put(table, List.copyOf(tableChanges.get(0).keys().keySet()));
        });
    // One read of the configuration counter per batch; none when every change was a repeat.
    Map<String, List<CacheConfig>> active =
        prepared.values().stream().allMatch(List::isEmpty) ? Map.of() : configs.byTableAsOfNow();
    prepared.forEach(
        (table, itemChanges) -> {
          if (!itemChanges.isEmpty()) {
            for (CacheConfig config : active.getOrDefault(table, List.of())) {
              cacheFor(config, keyAttributesByTable.get(table)).apply(itemChanges);
            }
          }
          repeats.applied(table, fresh.get(table));
        });
  }

  private static ItemChange itemChange(TableItemChanged change) {
    List<String> keyAttributes = List.copyOf(change.keys().keySet());
    boolean removal = change.op() == TableItemChanged.Operation.REMOVE;
    Map<String, Object> image =
        normalized(
            removal ? (change.before() != null ? change.before() : change.keys()) : change.after());
    if (image
        == null) { // an insert or modify without its new image (a stream of keys or old images
      // only)
      throw new UnplaceableChangeException(
          "the " + change.op() + " of a " + change.source().table() + " item carries no new image");
    }
    String itemId =
        ItemIds.of(image, keyAttributes)
            .or(() -> ItemIds.of(normalized(change.keys()), keyAttributes))
            .orElseThrow(
                () ->
                    new UnplaceableChangeException(
                        "no id, pk, PK, Id, ID or single key attribute in the "
                            + change.op()
                            + " of a "
                            + change.source().table()
                            + " item"));
    return new ItemChange(itemId, removal ? null : image);
  }

  private TableCache cacheFor(CacheConfig config, List<String> keyAttributes) {
    if (config.itemsPerKey() > 1) {
      return new ChunkCache(
          redis, config.keys(), config.itemsPerKey(), config.timeToLive(), keyAttributes, values);
    }
    legacyItemSets.upgradeOnce(config.keys());
    return new ItemKeyCache(redis, config.keys(), config.timeToLive());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalized(Map<String, Object> image) {
    return (Map<String, Object>) PlainValues.normalize(image);
  }
}
