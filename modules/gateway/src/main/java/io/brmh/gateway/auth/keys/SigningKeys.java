package io.brmh.gateway.auth.keys;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys tokens are signed and verified with, as every gateway instance sees them. The newest key
 * not retired signs. Rotation makes a new key and retires the older ones with a grace period: they
 * verify until the last token they signed expired, so rotation never logs anyone out, and the JWKS
 * publishes them meanwhile. Keys rotate on their own after {@code
 * brmh.auth.signing-keys.rotate-after}; an administrator can rotate at once, or revoke a key (it
 * stops verifying on the instance that revoked it at once, on the others at their next re-read).
 * Each instance re-reads the keys every {@code brmh.auth.signing-keys.refresh} (30 s), and at once
 * when a token names a key id it does not know.
 */
@Singleton
class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  /** Clocks of token issuers and checkers may differ a little. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /**
   * Unknown key ids in tokens are looked up at most this often: forged ids must not hammer
   * DynamoDB.
   */
  private static final Duration LOOKUP_INTERVAL = Duration.ofSeconds(2);

  private final SigningKeyStore store;
  private final Duration grace;
  private final Duration rotateAfter;
  private volatile List<SigningKey> keys = List.of();
  private volatile Instant loadedAt = Instant.EPOCH;

  SigningKeys(
      SigningKeyStore store,
      @Value("${micronaut.security.token.generator.access-token.expiration:3600}") int tokenSeconds,
      SigningKeyConfiguration config) {
    this.store = store;
    this.grace = Duration.ofSeconds(tokenSeconds).plus(CLOCK_SKEW);
    this.rotateAfter = config.rotateAfter();
  }

  /** The key that signs now; the first one is made when there is none. */
  synchronized SigningKey current() {
    if (keys.isEmpty()) {
      reload();
    }
    return signing().orElseGet(this::rotate);
  }

  /** The key with this id, if it verifies now. */
  Optional<SigningKey> verifying(String keyId) {
    Optional<SigningKey> known = find(keyId);
    if (known.isEmpty() && Instant.now().isAfter(loadedAt.plus(LOOKUP_INTERVAL))) {
      reload();
      known = find(keyId);
    }
    return known;
  }

  /** Every key that verifies now, newest first, for the JWKS and the administrators' list. */
  List<SigningKey> published() {
    if (keys.isEmpty()) {
      current();
    }
    Instant now = Instant.now();
    return keys.stream()
        .filter(key -> key.verifiesAt(now))
        .sorted(Comparator.comparing(SigningKey::createdAt).reversed())
        .toList();
  }

  /** Makes a new signing key; older keys verify for the lifetime of the tokens they signed. */
  synchronized SigningKey rotate() {
    Instant now = Instant.now();
    SigningKey made = store.create(now);
    for (SigningKey older : store.all()) {
      if (older.verifiesUntil() == null && older.createdAt().isBefore(made.createdAt())) {
        store.retire(older.id(), now.plus(grace));
      }
    }
    reload();
    LOG.info("Signing key {} made; older keys verify until {}", made.id(), now.plus(grace));
    return made;
  }

  /**
   * Stops a key verifying at once (a key that leaked): tokens it signed are refused from now on.
   * The signing key is replaced first.
   *
   * @return false when there is no such key
   */
  synchronized boolean revoke(String keyId) {
    reload();
    if (find(keyId).isEmpty()) {
      return false;
    }
    if (signing().map(SigningKey::id).filter(keyId::equals).isPresent()) {
      rotate();
    }
    store.retire(keyId, Instant.now());
    reload();
    LOG.warn("Signing key {} revoked: the tokens it signed are refused", keyId);
    return true;
  }

  /** Re-reads the keys, and rotates when the signing key is older than the rotation period. */
  // SigningKeyConfiguration.refresh: the schedule needs the placeholder, with the same default.
  @Scheduled(
      fixedDelay = "${brmh.auth.signing-keys.refresh:30s}",
      initialDelay = "${brmh.auth.signing-keys.refresh:30s}")
  synchronized void refresh() {
    reload();
    signing()
        .filter(key -> key.createdAt().plus(rotateAfter).isBefore(Instant.now()))
        .ifPresent(old -> rotate());
  }

  private Optional<SigningKey> signing() {
    return keys.stream()
        .filter(key -> key.verifiesUntil() == null)
        .max(Comparator.comparing(SigningKey::createdAt));
  }

  private Optional<SigningKey> find(String keyId) {
    Instant now = Instant.now();
    return keys.stream().filter(key -> key.id().equals(keyId) && key.verifiesAt(now)).findFirst();
  }

  private void reload() {
    keys = List.copyOf(store.all());
    loadedAt = Instant.now();
  }
}
