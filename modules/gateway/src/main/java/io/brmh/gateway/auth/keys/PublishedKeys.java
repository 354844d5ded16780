package io.brmh.gateway.auth.keys;

import com.nimbusds.jose.jwk.JWK;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The public halves of the keys that verify now, served at {@code /.well-known/jwks.json} for other
 * services to check BRMH tokens.
 */
@Singleton
class PublishedKeys implements JwkProvider {
  private final SigningKeys keys;

  PublishedKeys(SigningKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<JWK> retrieveJsonWebKeys() {
    return keys.published().stream().map(key -> (JWK) key.jwk().toPublicJWK()).toList();
  }
}
