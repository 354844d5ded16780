package io.brmh.gateway.auth;

import io.brmh.platform.input.FreeText;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Accounts that log in with a phone number: signup sends a one-time code by text message, the code
 * makes the account, and the number and password log in. The same rules as e-mail accounts: no
 * account before the code, the same answer for numbers with and without an account, codes kept as
 * HMACs with 5 attempts, rate limits per number and client address.
 */
@Controller("/auth/phone")
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class PhoneController {
  private final LoginService logins;
  private final SignupService signups;
  private final AuthAttempts attempts;

  PhoneController(LoginService logins, SignupService signups, AuthAttempts attempts) {
    this.logins = logins;
    this.signups = signups;
    this.attempts = attempts;
  }

  /**
   * A phone number and, depending on the route, a password or a code.
   *
   * @param phoneNumber international, with + and country code
   */
  @Serdeable
  record PhoneRequest(
      @NotBlank @Size(max = 32) String phoneNumber,
      @Nullable @FreeText @Schema(format = "password") @Size(min = 10, max = 1024) String password,
      @Nullable
          @Size(max = 16)
          @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6 digits sent")
          String code,
      @Nullable
          @Size(max = 64)
          @Schema(description = "Accepted and ignored, as the original did", deprecated = true)
          String otp,
      @Nullable
          @Size(max = 320)
          @Schema(
              description = "Accepted and ignored: the original's placeholder address",
              deprecated = true)
          String email) {

    /** Keeps the password and code out of logs. */
    @Override
    public String toString() {
      return "PhoneRequest[" + phoneNumber + "]";
    }
  }

  @Post("/signup")
  @Status(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Sign up with a phone number and password: a 6-digit code goes by text message; POST /auth/phone/verify makes the account")
  @ApiResponse(
      responseCode = "202",
      description = "A code (or, for a number with an account, a notice) is on its way")
  @ApiResponse(
      responseCode = "400",
      description =
          "Not an international number, or a password shorter than 10 characters (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts; see Retry-After (problem+json)")
  SignupController.Accepted signup(@Body @Valid PhoneRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.phone(request.phoneNumber());
    attempts.signup(address, http);
    signups.signup(address, ProblemException.required(request.password(), "password"));
    return new SignupController.Accepted(
        "If the number can receive text messages, a message is on its way.");
  }

  @Post("/verify")
  @Operation(
      summary =
          "Enter the code sent by text message, with the signup's password: the account is made and logged in")
  @ApiResponse(
      responseCode = "200",
      description = "Account made; tokens, same shape as the login's")
  @ApiResponse(responseCode = "400", description = "Wrong, expired or used-up code (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "The number has an account already (problem+json)")
  LoginResponse verify(@Body @Valid PhoneRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.phone(request.phoneNumber());
    attempts.codes(address, http);
    String code = ProblemException.required(request.code(), "code");
    return signups.verify(
        address, code.trim(), ProblemException.required(request.password(), "password"));
  }

  @Post("/resend-otp")
  @Status(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Send a pending phone signup's code again (a new code); the same answer whether or not there is one")
  SignupController.Accepted resend(@Body @Valid PhoneRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.phone(request.phoneNumber());
    attempts.codes(address, http);
    signups.resend(address);
    return new SignupController.Accepted(
        "If a signup for the number is pending, a new code is on its way.");
  }

  @Post("/login")
  @Operation(summary = "Log in with phone number and password; answers tokens as /auth/login does")
  @ApiResponse(responseCode = "401", description = "Wrong number or password (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts for this number or client address; see Retry-After")
  LoginResponse login(@Body @Valid PhoneRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.phone(request.phoneNumber());
    attempts.login(address, http);
    return logins.login(address, ProblemException.required(request.password(), "password"));
  }
}
