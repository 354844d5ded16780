package io.brmh.gateway.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/**
 * The optional body of {@code POST /auth/logout}: the refresh token whose family ends with the
 * session. {@code refresh_token}, the original's name, is accepted too.
 */
@Serdeable
record LogoutRequest(
    @Nullable @JsonAlias("refresh_token") @Size(min = 1, max = 4096) String refreshToken) {

  /** Keeps the token out of logs and error messages that print the request. */
  @Override
  public String toString() {
    return "LogoutRequest[]";
  }
}
