package io.brmh.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.brmh.gateway.auth.oidc.IdentityLinks;
import io.brmh.gateway.auth.oidc.OidcConfiguration;
import io.brmh.gateway.auth.oidc.OidcProvider;
import io.brmh.gateway.auth.oidc.OidcStates;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.brmh.platform.security.SecureText;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login through the OpenID Connect provider. The external identity (issuer and subject) is linked
 * to a BRMH account: the one linked before; else the account of the e-mail the provider vouches for
 * (only a verified one); else a new account for that e-mail, which has no password of its own.
 */
@Singleton
class OidcLogins {
  private static final Logger LOG = LoggerFactory.getLogger(OidcLogins.class);

  private final OidcConfiguration configuration;
  private final OidcProvider provider;
  private final OidcStates states;
  private final IdentityLinks links;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginService logins;

  OidcLogins(
      OidcConfiguration configuration,
      OidcProvider provider,
      OidcStates states,
      IdentityLinks links,
      UserRepository users,
      PasswordHasher hasher,
      LoginService logins) {
    this.configuration = configuration;
    this.provider = provider;
    this.states = states;
    this.links = links;
    this.users = users;
    this.hasher = hasher;
    this.logins = logins;
  }

  /**
   * Where to send the browser, the state that comes back with the code, and the session key the
   * client keeps to itself and sends with the code: the callback URL (code and state) alone, seen
   * by someone else, logs nobody in, and nobody can log a victim in to their own account.
   */
  @Serdeable
  record Start(String authUrl, String state, String sessionKey) {
    /** Keeps the session key out of logs. */
    @Override
    public String toString() {
      return "Start[" + authUrl + "]";
    }
  }

  Start start() {
    requireConfigured();
    String state = SecureText.random(24);
    String verifier = SecureText.random(48);
    String nonce = SecureText.random(24);
    String sessionKey = SecureText.random(24);
    states.save(state, new OidcStates.Pending(verifier, nonce, SecureText.sha256Hex(sessionKey)));
    return new Start(
        provider.authorizationUrl(state, challenge(verifier), nonce).toString(), state, sessionKey);
  }

  /**
   * @throws ProblemException 400 for an unknown, expired or used state, a refused code or no
   *     verified e-mail; 401 when the ID token does not check out
   */
  LoginResponse complete(String code, String state, String sessionKey) {
    requireConfigured();
    OidcStates.Pending pending =
        states
            .take(state)
            .filter(
                taken -> SecureText.same(taken.sessionKeyHash(), SecureText.sha256Hex(sessionKey)))
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "unknown-state",
                        "The login request is unknown, expired, already used or not this client's; start again."));
    JWTClaimsSet claims = provider.exchange(code, pending.verifier(), pending.nonce());
    String login =
        links.loginOf(claims.getIssuer(), claims.getSubject()).orElseGet(() -> linkByEmail(claims));
    UserAccount account =
        users
            .findByEmail(login)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.UNAUTHORIZED,
                        "account-gone",
                        "The account linked to this identity no longer exists."));
    return logins.sessionFor(account);
  }

  private String linkByEmail(JWTClaimsSet claims) {
    String email;
    Boolean verified;
    try {
      email = claims.getStringClaim("email");
      verified = claims.getBooleanClaim("email_verified");
    } catch (ParseException malformed) {
      email = null;
      verified = null;
    }
    if (email == null || !Boolean.TRUE.equals(verified)) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "no-verified-email",
          "The identity provider vouches for no e-mail address.");
    }
    String login = LoginAddress.email(email).accountKey();
    if (users.findByEmail(login).isEmpty()) {
      // No password of its own: a random one nobody knows; the person logs in through the provider.
      users.createIfAbsent(
          new UserAccount(
              UUID.randomUUID().toString(),
              login,
              hasher.hash(SecureText.random(32)),
              List.of(Roles.USER),
              Instant.now()));
    }
    links.link(claims.getIssuer(), claims.getSubject(), login);
    LOG.info("Identity of {} linked to a BRMH account", claims.getIssuer());
    return login;
  }

  private void requireConfigured() {
    if (!configuration.configured()) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND, "oidc-not-configured", "No OpenID Connect provider is configured.");
    }
  }

  /** The PKCE S256 challenge of a verifier. */
  private static String challenge(String verifier) {
    return SecureText.base64Url(SecureText.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
  }
}
