package io.brmh.gateway.auth;

import io.brmh.platform.input.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new account with e-mail and password.
 *
 * @param password at least 10 characters (length beats composition rules)
 */
@Serdeable
record SignupRequest(
    @NotBlank @Email @Size(max = 320) String email,
    @NotBlank @FreeText @Schema(format = "password") @Size(min = 10, max = 1024) String password,
    @Nullable
        @Size(max = 128)
        @Schema(
            description = "Accepted and ignored: the original's display name",
            deprecated = true)
        String username) {

  /** Keeps the password out of logs and error messages that print the request. */
  @Override
  public String toString() {
    return "SignupRequest[email=" + email + "]";
  }
}
