package io.brmh.gateway.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Talks to the OpenID Connect provider: builds the authorization URL (code flow with S256 PKCE,
 * state and nonce), exchanges a code for tokens, and checks the ID token: RS256 under a key of the
 * provider's JWKS, issuer, audience, expiry and nonce. The JWKS is cached and read again when a
 * token names a key it does not hold (the provider rotated).
 */
@Singleton
public class OidcProvider {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final OidcConfiguration configuration;
  private final JsonMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile JWKSet keys = new JWKSet();

  OidcProvider(OidcConfiguration configuration, JsonMapper json) {
    this.configuration = configuration;
    this.json = json;
  }

  public URI authorizationUrl(String state, String challenge, String nonce) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", configuration.clientId());
    query.put("redirect_uri", configuration.redirectUri());
    query.put("scope", configuration.scopes());
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", challenge);
    query.put("code_challenge_method", "S256");
    return URI.create(configuration.authorizationEndpoint() + "?" + form(query));
  }

  /**
   * @return the checked claims of the ID token the code is exchanged for
   * @throws ProblemException 400 when the provider refuses the code, 401 when its ID token fails a
   *     check, 502 when it cannot be reached
   */
  public JWTClaimsSet exchange(String code, String verifier, String nonce) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", configuration.redirectUri());
    form.put("client_id", configuration.clientId());
    form.put("code_verifier", verifier);
    if (configuration.secret() != null) {
      form.put("client_secret", configuration.secret());
    }
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(configuration.tokenEndpoint()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build());
    if (response.statusCode() != 200) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "code-refused", "The identity provider refused the code.");
    }
    String idToken;
    try {
      JsonNode tokens = json.readValue(response.body(), JsonNode.class);
      idToken = tokens.get("id_token") == null ? null : tokens.get("id_token").getStringValue();
    } catch (IOException unreadable) {
      idToken = null;
    }
    if (idToken == null) {
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "provider-answer",
          "The identity provider answered without an ID token.");
    }
    return verify(idToken, nonce);
  }

  private JWTClaimsSet verify(String idToken, String nonce) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      RSAKey key = key(jwt.getHeader().getKeyID());
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      boolean valid =
          JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
              && key != null
              && jwt.verify(new RSASSAVerifier(key))
              && configuration.issuer().equals(claims.getIssuer())
              && claims.getAudience().contains(configuration.clientId())
              && expiry != null
              && expiry.toInstant().plus(CLOCK_SKEW).isAfter(Instant.now())
              && nonce.equals(claims.getClaim("nonce"));
      if (!valid) {
        throw untrusted();
      }
      return claims;
    } catch (ParseException | JOSEException malformed) {
      throw untrusted();
    }
  }

  /** The provider's key with this id, reading its JWKS again when the cached one lacks it. */
  private RSAKey key(String keyId) throws ParseException {
    JWK key = keyId == null ? null : keys.getKeyByKeyId(keyId);
    if (key == null) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(configuration.jwksUri()))
                  .timeout(TIMEOUT)
                  .GET()
                  .build());
      keys = JWKSet.parse(response.body());
      key = keyId == null ? null : keys.getKeyByKeyId(keyId);
    }
    return key instanceof RSAKey rsa ? rsa : null;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException unreachable) {
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "provider-unreachable",
          "The identity provider cannot be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "interrupted",
          "Interrupted while asking the identity provider.");
    }
  }

  private static ProblemException untrusted() {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED,
        "id-token-untrusted",
        "The identity provider's ID token does not check out.");
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
