package io.brmh.gateway.cache;

import io.brmh.platform.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The original's Redis checks. Both need a token here: they describe the server (the original let
 * anyone read its INFO). {@code /test-valkey-connection} works (the original's always failed).
 */
@Controller
@Secured(Roles.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheHealthController {
  private final RedisStatus redis;

  CacheHealthController(RedisStatus redis) {
    this.redis = redis;
  }

  @Get("/cache/health")
  @Operation(summary = "Redis answers PING; the first lines of INFO server")
  Map<String, Object> health() {
    Map<String, Object> redisStatus = new LinkedHashMap<>();
    redisStatus.put("connected", true);
    redisStatus.put("info", redis.serverInfo(4));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Cache service is healthy");
    body.put("redis", redisStatus);
    body.put("timestamp", Instant.now().toString());
    return body;
  }

  @Get("/test-valkey-connection")
  @Operation(summary = "Redis / Valkey answers PING")
  Map<String, Object> testConnection() {
    redis.requireAnswer();
    return Map.of(
        "status",
        "success",
        "message",
        "Valkey connection test passed",
        "config",
        Map.of("tls", redis.usesTls() ? "enabled" : "disabled"));
  }
}
