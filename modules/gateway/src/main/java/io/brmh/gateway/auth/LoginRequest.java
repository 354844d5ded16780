package io.brmh.gateway.auth;

import io.brmh.platform.input.FreeText;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * E-mail and password login.
 *
 * @param email the account's e-mail
 * @param password the account's password
 */
@Serdeable
record LoginRequest(
    @NotBlank @Email @Size(max = 320) String email,
    @NotBlank @FreeText @Schema(format = "password") @Size(max = 1024) String password) {

  /** Keeps the password out of logs and error messages that print the request. */
  @Override
  public String toString() {
    return "LoginRequest[email=" + email + "]";
  }
}
