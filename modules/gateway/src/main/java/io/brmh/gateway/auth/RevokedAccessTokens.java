package io.brmh.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import io.brmh.platform.security.LookupCaches;
import io.brmh.platform.security.LookupCaching;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Access tokens revoked before they expire (by a logout), by token id: every token BRMH issues has
 * a random {@code jti} ({@link AccessTokenIds}), and a token whose id is listed here, or that has
 * none, is refused at once. Entries live in Redis until the token would have expired anyway, so the
 * list stays as short as the tokens' lifetime allows. Each instance keeps an answer for {@link
 * LookupCaching#ttl()}: a token revoked here is refused here at once, on the other instances within
 * that time. Redis being down refuses tokens not asked about lately rather than letting revoked
 * ones in.
 */
@Singleton
class RevokedAccessTokens implements GenericJwtClaimsValidator<HttpRequest<?>> {
  private static final String PREFIX = "{brmh}:revoked-access-token:";

  private final RedissonClient redis;

  /** Whether a token id is revoked, as every authenticated request asks. */
  private final Cache<String, Boolean> revoked;

  RevokedAccessTokens(RedissonClient redis, LookupCaches caches) {
    this.redis = redis;
    this.revoked = caches.create();
  }

  /** Refuses the token from now until it expires. */
  void revoke(String tokenId, Instant expiresAt) {
    Duration left = Duration.between(Instant.now(), expiresAt);
    if (!left.isNegative() && !left.isZero()) {
      redis.getBucket(PREFIX + tokenId, StringCodec.INSTANCE).set("revoked", left);
    }
    revoked.put(tokenId, true);
  }

  @Override
  public boolean validate(Claims claims, HttpRequest<?> request) {
    Object tokenId = claims.get(Claims.TOKEN_ID);
    return tokenId != null
        && !revoked.get(
            tokenId.toString(),
            id -> redis.getBucket(PREFIX + id, StringCodec.INSTANCE).isExists());
  }

  /** The expiry of a token from its claims, as Nimbus gives it (a date) or as seconds. */
  static Instant expiry(Object exp) {
    if (exp instanceof Date date) {
      return date.toInstant();
    }
    return Instant.ofEpochSecond(((Number) exp).longValue());
  }
}
