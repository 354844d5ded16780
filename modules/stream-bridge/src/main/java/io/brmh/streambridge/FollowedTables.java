package io.brmh.streambridge;

import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheConfig;
import io.micronaut.context.annotation.Value;
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

  /**
   * @param configured {@code brmh.stream-bridge.tables}: tables followed whatever their
   *     configurations
   */
  FollowedTables(
      ActiveCacheConfigs cacheConfigs,
      @Value("${brmh.stream-bridge.tables:}") List<String> configured) {
    this.cacheConfigs = cacheConfigs;
    this.configured = configured;
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    configured.stream().filter(name -> !name.isBlank()).forEach(names::add);
    cacheConfigs.all().stream().map(CacheConfig::tableName).forEach(names::add);
    return names;
  }
}
