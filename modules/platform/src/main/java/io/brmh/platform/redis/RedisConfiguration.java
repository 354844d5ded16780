package io.brmh.platform.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How BRMH reaches Redis or Valkey.
 *
 * @param address {@code redis://host:port}, or {@code rediss://} for TLS ({@code
 *     brmh.redis.address})
 * @param password the server's password, if it has one ({@code brmh.redis.password})
 */
@ConfigurationProperties("brmh.redis")
public record RedisConfiguration(String address, @Nullable String password) {}
