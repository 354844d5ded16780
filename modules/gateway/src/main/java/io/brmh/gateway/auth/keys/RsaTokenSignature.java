package io.brmh.gateway.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Signs BRMH's tokens with RS256 under the current signing key, its id in the {@code kid} header,
 * and verifies a token only with the key its {@code kid} names, if that key verifies now.
 */
@Singleton
@Named("generator")
class RsaTokenSignature implements SignatureGeneratorConfiguration {
  private final SigningKeys keys;

  RsaTokenSignature(SigningKeys keys) {
    this.keys = keys;
  }

  @Override
  public String supportedAlgorithmsMessage() {
    return "Only RS256 tokens signed by a BRMH key are accepted";
  }

  @Override
  public boolean supports(JWSAlgorithm algorithm) {
    return JWSAlgorithm.RS256.equals(algorithm);
  }

  @Override
  public boolean verify(SignedJWT jwt) throws JOSEException {
    Optional<SigningKey> key =
        Optional.ofNullable(jwt.getHeader().getKeyID()).flatMap(keys::verifying);
    return key.isPresent() && jwt.verify(new RSASSAVerifier(key.get().jwk()));
  }

  @Override
  public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
    SigningKey key = keys.current();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.id())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key.jwk()));
    return jwt;
  }
}
