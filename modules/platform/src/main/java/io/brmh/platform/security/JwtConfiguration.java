package io.brmh.platform.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * The gateway's master secret ({@code brmh.jwt.secret}, from {@code BRMH_JWT_SECRET} outside the
 * local run). Signing keys are sealed at rest under a key derived from it, and one-time codes are
 * stored as HMACs under another. It has no default: a gateway without it does not start.
 *
 * @param secret the secret, at least 32 characters of randomness in production
 */
@ConfigurationProperties("brmh.jwt")
public record JwtConfiguration(@NotBlank String secret) {
  /** Keeps the secret out of logs and error messages that print the configuration. */
  @Override
  public String toString() {
    return "JwtConfiguration[secret=****]";
  }
}
