package io.brmh.gateway.auth.keys;

import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One token-signing key.
 *
 * @param jwk the RSA key pair, its id as {@code kid}
 * @param createdAt when it was made: the newest key that still verifies signs
 * @param verifiesUntil null while it is the newest; once a newer key signs, the time the last token
 *     it signed expires, after which it verifies nothing
 */
record SigningKey(RSAKey jwk, Instant createdAt, @Nullable Instant verifiesUntil) {
  String id() {
    return jwk.getKeyID();
  }

  boolean verifiesAt(Instant now) {
    return verifiesUntil == null || now.isBefore(verifiesUntil);
  }

  /** Keeps the private key out of logs. */
  @Override
  public String toString() {
    return "SigningKey["
        + id()
        + ", created "
        + createdAt
        + ", verifies until "
        + verifiesUntil
        + "]";
  }
}
