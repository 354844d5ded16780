package io.brmh.gateway.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The refresh token of {@code POST /auth/refresh}. {@code refresh_token}, the original's name, is
 * accepted too.
 */
@Serdeable
record RefreshRequest(@NotBlank @JsonAlias("refresh_token") @Size(max = 4096) String refreshToken) {

  /** Keeps the token out of logs and error messages that print the request. */
  @Override
  public String toString() {
    return "RefreshRequest[]";
  }
}
