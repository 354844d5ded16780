package io.brmh.streambridge;

import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables whose streams the bridge follows: every table with an active cache configuration
 * (never BRMH's own) or an active search index, plus those configured.
 */
@Singleton
class FollowedTables {
  private final ActiveCacheConfigs cacheConfigs;
  private final IndexConfigStore indexConfigs;
  private final List<String> configured;

  FollowedTables(
      ActiveCacheConfigs cacheConfigs, IndexConfigStore indexConfigs, BridgeSettings settings) {
    this.cacheConfigs = cacheConfigs;
    this.indexConfigs = indexConfigs;
    this.configured = settings.tables();
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    names.addAll(configured);
    cacheConfigs.all().stream().map(CacheConfig::tableName).forEach(names::add);
    indexConfigs.all().stream()
        .filter(IndexConfig::isActive)
        .map(IndexConfig::table)
        .forEach(names::add);
    return names;
  }
}
