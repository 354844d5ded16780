package io.brmh.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A successful login.
 *
 * @param accessToken the bearer JWT for the {@code Authorization} header
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken gets the next access token from {@code POST /auth/refresh}; works once, then
 *     the response carries the next one
 * @param user who logged in
 */
@Serdeable
record LoginResponse(
    String accessToken, String tokenType, int expiresIn, String refreshToken, User user) {

  /** Keeps the tokens out of logs that print the response. */
  @Override
  public String toString() {
    return "LoginResponse[user=" + user + "]";
  }

  /** The account, without anything secret. */
  @Serdeable
  record User(
      String userId, @Nullable String email, @Nullable String phoneNumber, List<String> roles) {}
}
