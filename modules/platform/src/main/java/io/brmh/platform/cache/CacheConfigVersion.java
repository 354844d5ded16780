package io.brmh.platform.cache;

import jakarta.inject.Singleton;
import org.redisson.api.RedissonClient;

/**
 * A counter in Redis that every change of a cache configuration moves, so that processes holding
 * the configurations in memory ({@link ActiveCacheConfigs}) re-read them when, and only when, they
 * changed. A lost counter (Redis restarted empty) reads as 0, which differs from what they hold, so
 * they re-read then too.
 */
@Singleton
public class CacheConfigVersion {
  private static final String KEY = "{brmh}:cache-config-version";

  private final RedissonClient redis;

  CacheConfigVersion(RedissonClient redis) {
    this.redis = redis;
  }

  public long current() {
    return redis.getAtomicLong(KEY).get();
  }

  /** After a configuration was written: everyone holding configurations re-reads them. */
  public void bump() {
    redis.getAtomicLong(KEY).incrementAndGet();
  }
}
