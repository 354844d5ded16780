package io.brmh.gateway.auth;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions: a login checks e-mail and password and issues an access token and the first refresh
 * token of a new family; a refresh rotates the refresh token and issues a fresh access token with
 * the account's current roles; a logout revokes the refresh token's family and the access token.
 */
@Singleton
class LoginService {
  static final String EMAIL_CLAIM = "email";

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AccessRefreshTokenGenerator tokens;
  private final RefreshTokens refreshTokens;
  private final RevokedAccessTokens revoked;

  LoginService(
      UserRepository users,
      PasswordHasher hasher,
      AccessRefreshTokenGenerator tokens,
      RefreshTokens refreshTokens,
      RevokedAccessTokens revoked) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.refreshTokens = refreshTokens;
    this.revoked = revoked;
  }

  /**
   * @throws ProblemException 401 when the e-mail is unknown or the password wrong: the same answer
   *     for both, so the route does not reveal which accounts exist
   */
  LoginResponse login(LoginAddress address, String password) {
    Optional<UserAccount> account = users.findByEmail(address.accountKey());
    if (account.isEmpty()) {
      hasher.verifyAgainstNothing(password);
      throw invalidCredentials(address);
    }
    if (!hasher.verify(password, account.get().passwordHash())) {
      throw invalidCredentials(address);
    }
    return sessionFor(account.get());
  }

  /**
   * @throws ProblemException 401 when the refresh token is not valid (see {@link
   *     RefreshTokens#rotate}) or its account is gone
   */
  LoginResponse refresh(String refreshToken) {
    RefreshTokens.Rotated rotated = refreshTokens.rotate(refreshToken);
    UserAccount user = users.findByEmail(rotated.email()).orElseThrow(RefreshTokens::invalid);
    return issue(user, rotated.refreshToken());
  }

  /**
   * Ends the session of this access token: it stops working at once, and so does the refresh token
   * given (if it is the caller's).
   */
  void logout(Authentication authentication, @Nullable String refreshToken) {
    Map<String, Object> claims = authentication.getAttributes();
    revoked.revoke(
        String.valueOf(claims.get(Claims.TOKEN_ID)),
        RevokedAccessTokens.expiry(claims.get(Claims.EXPIRATION_TIME)));
    if (refreshToken != null) {
      refreshTokens.revokeFamily(refreshToken, LoginAddress.ofClaims(claims).accountKey());
    }
  }

  /** A new session for an account that just proved who it is (a verified signup). */
  LoginResponse sessionFor(UserAccount user) {
    return issue(user, refreshTokens.start(user.login()));
  }

  private LoginResponse issue(UserAccount user, String refreshToken) {
    LoginAddress address = user.address();
    Authentication authentication =
        Authentication.build(user.userId(), user.roles(), address.claims());
    AccessRefreshToken token =
        tokens
            .generate(authentication)
            .orElseThrow(() -> new IllegalStateException("the token generator produced no token"));
    return new LoginResponse(
        token.getAccessToken(),
        token.getTokenType(),
        token.getExpiresIn(),
        refreshToken,
        new LoginResponse.User(
            user.userId(),
            address.kind() == LoginAddress.Kind.EMAIL ? address.value() : null,
            address.kind() == LoginAddress.Kind.PHONE ? address.value() : null,
            user.roles()));
  }

  private static ProblemException invalidCredentials(LoginAddress address) {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED,
        "invalid-credentials",
        "The "
            + (address.kind() == LoginAddress.Kind.PHONE ? "phone number" : "e-mail")
            + " or password is not correct.");
  }
}
