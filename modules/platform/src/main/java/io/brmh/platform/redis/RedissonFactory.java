package io.brmh.platform.redis;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Builds the one Redisson client of a process. Created on first use, so a process starts while
 * Redis is down.
 */
@Factory
class RedissonFactory {

  @Singleton
  @Bean(preDestroy = "shutdown")
  RedissonClient redissonClient(RedisConfiguration redis) {
    Config config = new Config();
    if (redis.password() != null) {
      config.setPassword(redis.password());
    }
    config
        .useSingleServer()
        .setAddress(redis.address())
        .setConnectTimeout(2_000)
        .setRetryAttempts(2);
    return Redisson.create(config);
  }
}
