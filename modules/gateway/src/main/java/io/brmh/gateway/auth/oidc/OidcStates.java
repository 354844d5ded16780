package io.brmh.gateway.auth.oidc;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Authorization requests on their way, by their {@code state}: the PKCE verifier and the nonce, in
 * Redis for ten minutes, so any instance completes the login and each state works once (the
 * original kept them in one process's memory).
 */
@Singleton
public class OidcStates {
  private static final String PREFIX = "{brmh}:oidc-state:";
  private static final Duration LIFETIME = Duration.ofMinutes(10);

  private final RedissonClient redis;

  OidcStates(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * A pending request: the verifier whose challenge went to the provider, the nonce its ID token
   * must carry, and the hash of the session key only the client that started the login holds.
   */
  public record Pending(String verifier, String nonce, String sessionKeyHash) {
    @Override
    public String toString() {
      return "Pending[]";
    }
  }

  public void save(String state, Pending pending) {
    redis
        .getBucket(PREFIX + state, StringCodec.INSTANCE)
        .set(
            String.join(" ", pending.verifier(), pending.nonce(), pending.sessionKeyHash()),
            LIFETIME);
  }

  /** The pending request of this state, removed: a state works once. */
  public Optional<Pending> take(String state) {
    String saved = redis.<String>getBucket(PREFIX + state, StringCodec.INSTANCE).getAndDelete();
    if (saved == null) {
      return Optional.empty();
    }
    String[] parts = saved.split(" ", 3);
    return Optional.of(new Pending(parts[0], parts[1], parts[2]));
  }
}
