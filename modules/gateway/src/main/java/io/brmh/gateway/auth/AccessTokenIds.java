package io.brmh.gateway.auth;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Gives every access token a random id ({@code jti}), by which a logout revokes it. */
@Singleton
class AccessTokenIds implements JtiGenerator {
  @Override
  public String generateJtiClaim() {
    return UUID.randomUUID().toString();
  }
}
