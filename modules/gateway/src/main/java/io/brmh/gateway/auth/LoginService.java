package io.brmh.gateway.auth;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/** Checks e-mail and password and issues an access token. */
@Singleton
class LoginService {
  static final String EMAIL_CLAIM = "email";

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AccessRefreshTokenGenerator tokens;

  LoginService(UserRepository users, PasswordHasher hasher, AccessRefreshTokenGenerator tokens) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
  }

  /**
   * @throws ProblemException 401 when the e-mail is unknown or the password wrong: the same answer
   *     for both, so the route does not reveal which accounts exist
   */
  LoginResponse login(LoginRequest request) {
    Optional<UserAccount> account = users.findByEmail(request.email());
    if (account.isEmpty()) {
      hasher.verifyAgainstNothing(request.password());
      throw invalidCredentials();
    }
    if (!hasher.verify(request.password(), account.get().passwordHash())) {
      throw invalidCredentials();
    }
    UserAccount user = account.get();
    Authentication authentication = Authentication.build(user.userId(), user.roles(), Map.of(EMAIL_CLAIM, user.email()));
    AccessRefreshToken token = tokens.generate(authentication)
        .orElseThrow(() -> new IllegalStateException("the token generator produced no token"));
    return new LoginResponse(token.getAccessToken(), token.getTokenType(), token.getExpiresIn(),
        new LoginResponse.User(user.userId(), user.email(), user.roles()));
  }

  private static ProblemException invalidCredentials() {
    return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "The e-mail or password is not correct.");
  }
}
