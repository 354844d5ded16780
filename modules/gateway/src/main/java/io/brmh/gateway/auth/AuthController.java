package io.brmh.gateway.auth;

import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.Claims;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Sessions: login, token refresh, validation, logout and the current account. Signup is {@link
 * SignupController}.
 */
@Controller("/auth")
@Tag(name = "auth")
class AuthController {
  private final LoginService loginService;
  private final AuthAttempts attempts;

  AuthController(LoginService loginService, AuthAttempts attempts) {
    this.loginService = loginService;
    this.attempts = attempts;
  }

  @Post("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @SecurityRequirements
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Log in with e-mail and password; answers a bearer JWT")
  @ApiResponse(responseCode = "200", description = "Logged in")
  @ApiResponse(
      responseCode = "400",
      description = "Missing or malformed e-mail or password (problem+json)")
  @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many attempts for this account or client address; see Retry-After (problem+json)")
  LoginResponse login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
    LoginAddress address = LoginAddress.email(request.email());
    attempts.login(address, http);
    return loginService.login(address, request.password());
  }

  @Post("/refresh")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @SecurityRequirements
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary =
          "A new access token and the next refresh token for a refresh token, which is used up",
      description =
          "Each refresh token works once. One presented again after it was used revokes its whole family: "
              + "every holder has to log in again.")
  @ApiResponse(responseCode = "200", description = "New tokens, same shape as the login's")
  @ApiResponse(responseCode = "400", description = "No refresh token (problem+json)")
  @ApiResponse(
      responseCode = "401",
      description = "Unknown, expired, revoked or reused refresh token (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many refreshes from this client address; see Retry-After (problem+json)")
  LoginResponse refresh(@Body @Valid RefreshRequest request, HttpRequest<?> http) {
    attempts.refresh(http);
    return loginService.refresh(request.refreshToken());
  }

  @Post("/logout")
  @Secured(Roles.USER)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Status(HttpStatus.NO_CONTENT)
  @Operation(
      summary =
          "End the session: the bearer token stops working at once, and the refresh token given (if any) with its family")
  @ApiResponse(responseCode = "204", description = "Logged out")
  void logout(Authentication authentication, @Body @Valid @Nullable LogoutRequest request) {
    loginService.logout(authentication, request == null ? null : request.refreshToken());
  }

  @Serdeable
  record Validation(
      boolean valid,
      String userId,
      @Nullable String email,
      @Nullable String phoneNumber,
      Collection<String> roles,
      Instant expiresAt) {}

  @Post("/validate")
  @Secured(Roles.USER)
  @Operation(
      summary = "Whether the bearer token is valid, and whose it is; an invalid one gets 401")
  Validation validate(Authentication authentication) {
    Map<String, Object> claims = authentication.getAttributes();
    return new Validation(
        true,
        authentication.getName(),
        (String) claims.get(LoginService.EMAIL_CLAIM),
        (String) claims.get(LoginAddress.PHONE_CLAIM),
        authentication.getRoles(),
        RevokedAccessTokens.expiry(claims.get(Claims.EXPIRATION_TIME)));
  }

  @Serdeable
  record Me(
      String userId,
      @Nullable String email,
      @Nullable String phoneNumber,
      Collection<String> roles) {}

  @Get("/me")
  @Secured(Roles.USER)
  @Operation(summary = "The account the bearer token belongs to")
  Me me(Authentication authentication) {
    Map<String, Object> claims = authentication.getAttributes();
    return new Me(
        authentication.getName(),
        (String) claims.get(LoginService.EMAIL_CLAIM),
        (String) claims.get(LoginAddress.PHONE_CLAIM),
        authentication.getRoles());
  }
}
