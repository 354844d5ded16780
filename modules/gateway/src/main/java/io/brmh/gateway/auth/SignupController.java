package io.brmh.gateway.auth;

import io.brmh.platform.problem.ProblemException;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Signup with an e-mail address: the code sent there, then the account. Phone numbers: {@link
 * PhoneController}.
 */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class SignupController {
  private final SignupService signups;
  private final AuthAttempts attempts;

  SignupController(SignupService signups, AuthAttempts attempts) {
    this.signups = signups;
    this.attempts = attempts;
  }

  @Serdeable
  record Accepted(String message) {}

  @Post("/signup")
  @Status(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Sign up with e-mail and password: a 6-digit code goes to the address; POST /auth/verify-email makes the account",
      description =
          "The answer is the same whether or not the address has an account (that one gets a notice instead of a code).")
  @ApiResponse(responseCode = "202", description = "A code (or a notice) is on its way")
  @ApiResponse(
      responseCode = "400",
      description = "Malformed e-mail, or a password shorter than 10 characters (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many signups from this client address or for this e-mail; see Retry-After")
  @ApiResponse(responseCode = "503", description = "The message could not be sent (problem+json)")
  Accepted signup(@Body @Valid SignupRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.email(request.email());
    attempts.signup(address, http);
    signups.signup(address, request.password());
    return new Accepted("If the address can receive mail, a message is on its way.");
  }

  @Post("/verify-email")
  @Operation(
      summary =
          "Enter the code sent at signup, with the signup's password: the account is made and logged in")
  @ApiResponse(
      responseCode = "200",
      description = "Account made; tokens, same shape as the login's")
  @ApiResponse(
      responseCode = "400",
      description = "Wrong, expired or used-up code, or a malformed request (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "The address has an account already (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts; see Retry-After (problem+json)")
  LoginResponse verifyEmail(@Body @Valid EmailCodeRequest request, HttpRequest<?> http) {
    String code = ProblemException.required(request.code(), "code");
    String password = ProblemException.required(request.password(), "password");
    LoginAddress address = LoginAddress.email(request.email());
    attempts.codes(address, http);
    return signups.verify(address, code.trim(), password);
  }

  @Post("/resend-email-verification")
  @Status(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Send a pending signup's code again (a new code); the same answer whether or not there is one")
  @ApiResponse(
      responseCode = "202",
      description = "A new code is on its way if a signup is pending")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts; see Retry-After (problem+json)")
  Accepted resendEmailVerification(@Body @Valid EmailCodeRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.email(request.email());
    attempts.codes(address, http);
    signups.resend(address);
    return new Accepted("If a signup for the address is pending, a new code is on its way.");
  }
}
