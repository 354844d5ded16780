package io.brmh.streambridge;

import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheConfig;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables whose streams the bridge follows: every table with an active cache configuration
 * (never BRMH's own), plus those configured.
 */
@Singleton
class FollowedTables {
  private final ActiveCacheConfigs cacheConfigs;
  private final List<String> configured;

  FollowedTables(ActiveCacheConfigs cacheConfigs, BridgeSettings settings) {
    this.cacheConfigs = cacheConfigs;
    this.configured = settings.tables();
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    names.addAll(configured);
    cacheConfigs.all().stream().map(CacheConfig::tableName).forEach(names::add);
    return names;
  }
}
