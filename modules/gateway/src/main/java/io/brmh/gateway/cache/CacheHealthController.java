package io.brmh.gateway.cache;

import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.redis.RedisConfiguration;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The original's Redis checks. Both need a token here: they describe the server (the original let
 * anyone read its INFO). {@code /test-valkey-connection} works (the original's always failed).
 */
@Controller
@Secured(Roles.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheHealthController {
  private final RedissonClient redis;
  private final RedisConfiguration configuration;

  CacheHealthController(RedissonClient redis, RedisConfiguration configuration) {
    this.redis = redis;
    this.configuration = configuration;
  }

  @Get("/cache/health")
  @Operation(summary = "Redis answers PING; the first lines of INFO server")
  Map<String, Object> health() {
    RedisMaster node = node();
    List<String> info = new ArrayList<>(List.of("# Server"));
    node.info(RedisNode.InfoSection.SERVER).entrySet().stream().limit(4).forEach(entry -> info.add(entry.getKey() + ":" + entry.getValue()));
    Map<String, Object> redisStatus = new LinkedHashMap<>();
    redisStatus.put("connected", true);
    redisStatus.put("info", info);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Cache service is healthy");
    body.put("redis", redisStatus);
    body.put("timestamp", Instant.now().toString());
    return body;
  }

  @Get("/test-valkey-connection")
  @Operation(summary = "Redis / Valkey answers PING")
  Map<String, Object> testConnection() {
    node();
    return Map.of("status", "success", "message", "Valkey connection test passed",
        "config", Map.of("tls", configuration.address().startsWith("rediss:") ? "enabled" : "disabled"));
  }

  private RedisMaster node() {
    try {
      RedisMaster node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
      if (!node.ping(2, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no PONG");
      }
      return node;
    } catch (RuntimeException down) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "cache-unavailable", "Cache service is unhealthy.");
    }
  }
}
