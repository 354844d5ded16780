package io.brmh.streambridge;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The tables whose streams the bridge follows: every table with an active cache configuration (never BRMH's own), plus those configured. */
@Singleton
class FollowedTables {
  private final CacheConfigRepository cacheConfigs;
  private final List<String> configured;

  /** @param configured {@code brmh.stream-bridge.tables}: tables followed whatever their configurations */
  FollowedTables(CacheConfigRepository cacheConfigs, @Value("${brmh.stream-bridge.tables:}") List<String> configured) {
    this.cacheConfigs = cacheConfigs;
    this.configured = configured;
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    configured.stream().filter(name -> !name.isBlank()).forEach(names::add);
    cacheConfigs.findActive().stream().map(CacheConfig::tableName).forEach(names::add);
    return names;
  }
}
