package io.brmh.cacheworker.change;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The active cache configurations, read from DynamoDB at most once per refresh interval (the
 * original scanned the table on every change event). Only the consumer thread calls it.
 */
@Singleton
class ActiveConfigs {
  private final CacheConfigRepository repository;
  private final Duration refreshInterval;
  private List<CacheConfig> configs = List.of();
  private long readAtNanos;

  ActiveConfigs(CacheConfigRepository repository, @Value("${brmh.cache.config-refresh:1s}") Duration refreshInterval) {
    this.repository = repository;
    this.refreshInterval = refreshInterval;
  }

  List<CacheConfig> forTable(String table) {
    long now = System.nanoTime();
    if (readAtNanos == 0 || now - readAtNanos > refreshInterval.toNanos()) {
      configs = repository.findActive();
      readAtNanos = now;
    }
    return configs.stream().filter(config -> config.tableName().equals(table)).toList();
  }
}
