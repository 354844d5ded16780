package io.brmh.gateway.cache;

import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.redis.RedisConfiguration;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/** Whether Redis answers, and what it says about itself, for the original's cache health routes. */
@Singleton
class RedisStatus {
  private final RedissonClient redis;
  private final RedisConfiguration configuration;

  RedisStatus(RedissonClient redis, RedisConfiguration configuration) {
    this.redis = redis;
    this.configuration = configuration;
  }

  /**
   * The first lines of {@code INFO server}, headed {@code # Server}, as the original showed them.
   *
   * @throws ProblemException 503 when Redis does not answer PING within 2 s
   */
  List<String> serverInfo(int lines) {
    List<String> info = new ArrayList<>(List.of("# Server"));
    node().info(RedisNode.InfoSection.SERVER).entrySet().stream()
        .limit(lines)
        .forEach(entry -> info.add(entry.getKey() + ":" + entry.getValue()));
    return info;
  }

  /**
   * @throws ProblemException 503 when Redis does not answer PING within 2 s
   */
  void requireAnswer() {
    node();
  }

  /** Whether BRMH talks to Redis over TLS ({@code rediss:}). */
  boolean usesTls() {
    return configuration.address().startsWith("rediss:");
  }

  private RedisMaster node() {
    try {
      RedisMaster node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
      if (!node.ping(2, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no PONG");
      }
      return node;
    } catch (RuntimeException down) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE, "cache-unavailable", "Cache service is unhealthy.");
    }
  }
}
