package io.brmh.platform.ratelimit;

import io.brmh.platform.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Counts attempts in Redis, shared by every instance: a fixed window per key that starts with the
 * key's first attempt. Over the limit, the attempt is refused with 429 and {@code Retry-After} (the
 * time left in the window) before any costly work, such as a password hash, is done.
 */
@Singleton
public class RateLimiter {
  private static final String PREFIX = "{brmh}:rate:";

  /**
   * Counts the attempt; the first one of a window starts its expiry. Returns the count and the
   * milliseconds left.
   */
  private static final String COUNT =
      """
      local count = redis.call('INCR', KEYS[1])
      local left = redis.call('PTTL', KEYS[1])
      if left < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        left = tonumber(ARGV[1])
      end
      return {count, left}
      """;

  private final RedissonClient redis;

  RateLimiter(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * Counts one attempt of {@code action} by {@code subject} (an account, a client address).
   *
   * @throws ProblemException 429 when this attempt is over the limit
   */
  public void acquire(String action, String subject, RateLimit limit) {
    List<Number> counted =
        redis
            .getScript(StringCodec.INSTANCE)
            .eval(
                RScript.Mode.READ_WRITE,
                COUNT,
                RScript.ReturnType.LIST,
                List.of(PREFIX + action + ":" + subject),
                Long.toString(limit.window().toMillis()));
    if (counted.get(0).longValue() > limit.max()) {
      throw ProblemException.tooManyRequests(
          Duration.ofMillis(counted.get(1).longValue()),
          "Too many attempts; try again after the time in Retry-After.");
    }
  }
}
