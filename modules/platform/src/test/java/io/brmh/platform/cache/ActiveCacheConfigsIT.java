package io.brmh.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.SharedDevstack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;

/**
 * Cache configurations are held in memory, read on a thread of their own, and only when they
 * changed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActiveCacheConfigsIT implements TestPropertyProvider {
  @Inject ActiveCacheConfigs active;
  @Inject CacheConfigRepository repository;
  @Inject ConfigScans scans;
  @Inject RedissonClient redis;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.test.count-config-scans", "true");
    properties.put("brmh.cache.config-refresh.poll", "100ms");
    return properties;
  }

  @Test
  void aConfigurationSavedBeforeAChangeIsSeenByThatChange() {
    for (int i = 0; i < 5; i++) {
      CacheConfig config = config("seen-" + i);
      repository.save(config);
      assertThat(active.forTableAsOfNow(config.tableName())).containsExactly(config);
      repository.save(inactive(config));
      assertThat(active.forTableAsOfNow(config.tableName())).isEmpty();
    }
  }

  @Test
  void theConfigurationsAreReadOnTheRefresherThreadAndNotAgainWhileNothingChanges() {
    active.forTableAsOfNow("any-table");
    int before = scans.threads().size();

    // Thirty polls of the counter, and no scan among them.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> scans.threads().size() == before);

    repository.save(config("read-once"));
    await().atMost(Duration.ofSeconds(5)).until(() -> scans.threads().size() > before);
    assertThat(scans.threads()).allMatch("cache-config-refresh"::equals);
  }

  @Test
  void aCounterRedisLostMakesEveryHolderReadAgain() {
    repository.save(config("counted"));
    active.forTableAsOfNow("any-table");
    int before = scans.threads().size();
    redis.getKeys().delete("{brmh}:cache-config-version");
    await().atMost(Duration.ofSeconds(5)).until(() -> scans.threads().size() > before);
  }

  private static CacheConfig config(String table) {
    String now = Instant.now().toString();
    return new CacheConfig(
        UUID.randomUUID().toString(),
        table + "-" + UUID.randomUUID().toString().substring(0, 6),
        "p1",
        1,
        0,
        CacheConfig.ACTIVE,
        null,
        null,
        now,
        now);
  }

  private static CacheConfig inactive(CacheConfig config) {
    return new CacheConfig(
        config.id(),
        config.tableName(),
        config.project(),
        config.itemsPerKey(),
        config.timeToLive(),
        CacheConfig.INACTIVE,
        null,
        null,
        config.createdAt(),
        Instant.now().toString());
  }
}
