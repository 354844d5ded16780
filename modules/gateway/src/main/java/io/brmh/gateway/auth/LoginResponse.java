package io.brmh.gateway.auth;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A successful login.
 *
 * @param accessToken the bearer JWT for the {@code Authorization} header
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param user who logged in
 */
@Serdeable
record LoginResponse(String accessToken, String tokenType, int expiresIn, User user) {

  /** The account, without anything secret. */
  @Serdeable
  record User(String userId, String email, List<String> roles) {}
}
