package io.brmh.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on a local port, for tests: the real wire protocol of the code flow
 * with PKCE ({@code /authorize} answers 302 with a code, {@code /token} checks the code, client and
 * S256 verifier and answers an RS256 ID token, {@code /jwks} publishes the key). Who logs in next
 * is set by the test; it can also sign with a key it does not publish.
 */
final class MockOidcProvider implements AutoCloseable {
  static final String CLIENT_ID = "brmh-test-client";
  static final String REDIRECT_URI = "http://app.example.org/callback";

  private final HttpServer server;
  private final RSAKey key;
  private final RSAKey foreignKey;
  private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
  private volatile String subject = "subject-1";
  private volatile String email = "someone@example.org";
  private volatile boolean emailVerified = true;
  private volatile boolean signWithForeignKey;

  MockOidcProvider() throws IOException, JOSEException {
    key = new RSAKeyGenerator(2048).keyID("provider-key").generate();
    foreignKey = new RSAKeyGenerator(2048).keyID("provider-key").generate();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.createContext(
        "/jwks", exchange -> respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
    server.start();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The brmh.auth.oidc properties that point BRMH here. */
  Map<String, String> properties() {
    return Map.of(
        "brmh.auth.oidc.issuer",
        issuer(),
        "brmh.auth.oidc.client-id",
        CLIENT_ID,
        "brmh.auth.oidc.authorization-endpoint",
        issuer() + "/authorize",
        "brmh.auth.oidc.token-endpoint",
        issuer() + "/token",
        "brmh.auth.oidc.jwks-uri",
        issuer() + "/jwks",
        "brmh.auth.oidc.redirect-uri",
        REDIRECT_URI);
  }

  void nextLogin(String subject, String email, boolean emailVerified) {
    this.subject = subject;
    this.email = email;
    this.emailVerified = emailVerified;
  }

  void signWithForeignKey(boolean foreign) {
    this.signWithForeignKey = foreign;
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(query.get("client_id"))
        || !"code".equals(query.get("response_type"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null) {
      respond(exchange, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, query);
    exchange
        .getResponseHeaders()
        .add(
            "Location",
            query.get("redirect_uri")
                + "?code="
                + code
                + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, String> authorized =
        form.get("code") == null ? null : codes.remove(form.get("code"));
    if (authorized == null
        || !"authorization_code".equals(form.get("grant_type"))
        || !CLIENT_ID.equals(form.get("client_id"))
        || !authorized.get("redirect_uri").equals(form.get("redirect_uri"))
        || !authorized.get("code_challenge").equals(s256(form.getOrDefault("code_verifier", "")))) {
      respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer())
              .subject(subject)
              .audience(CLIENT_ID)
              .expirationTime(new Date(System.currentTimeMillis() + 300_000))
              .issueTime(new Date())
              .claim("nonce", authorized.get("nonce"))
              .claim("email", email)
              .claim("email_verified", emailVerified)
              .build();
      SignedJWT idToken =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("provider-key").build(), claims);
      idToken.sign(new RSASSASigner(signWithForeignKey ? foreignKey : key));
      respond(
          exchange,
          200,
          "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
              + idToken.serialize()
              + "\"}");
    } catch (JOSEException e) {
      respond(exchange, 500, "{\"error\":\"server_error\"}");
    }
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String encoded) {
    Map<String, String> fields = new HashMap<>();
    if (encoded != null) {
      for (String pair : encoded.split("&")) {
        String[] parts = pair.split("=", 2);
        fields.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    return fields;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Follows an authorization URL as a browser would, and returns the redirect it is sent to. */
  static URI authorizeAndGetRedirect(String authUrl) throws IOException, InterruptedException {
    java.net.http.HttpClient browser =
        java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    var response =
        browser.send(
            java.net.http.HttpRequest.newBuilder(URI.create(authUrl)).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 302) {
      throw new IllegalStateException("the provider answered " + response.statusCode());
    }
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
