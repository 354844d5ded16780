package io.brmh.gateway.auth;

import io.brmh.platform.input.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An e-mail address and, to verify it, the code sent there and the password given at signup ({@code
 * POST /auth/verify-email}); the address alone asks for the code again ({@code POST
 * /auth/resend-email-verification}).
 */
@Serdeable
record EmailCodeRequest(
    @NotBlank @Email @Size(max = 320) String email,
    @Nullable
        @Size(max = 16)
        @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6 digits sent")
        String code,
    @Nullable @FreeText @Schema(format = "password") @Size(max = 1024) String password) {

  /** Keeps the code out of logs. */
  @Override
  public String toString() {
    return "EmailCodeRequest[email=" + email + "]";
  }
}
