package io.brmh.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Login through the configured OpenID Connect provider: the authorization URL, then the code
 * exchange.
 */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class OidcController {
  private final OidcLogins oidc;
  private final AuthAttempts attempts;

  OidcController(OidcLogins oidc, AuthAttempts attempts) {
    this.oidc = oidc;
    this.attempts = attempts;
  }

  @Serdeable
  record CodeExchange(
      @NotBlank @Size(max = 4096) String code,
      @NotBlank @Size(max = 256) String state,
      @NotBlank @Size(max = 256) String sessionKey) {
    /** Keeps the code out of logs. */
    @Override
    public String toString() {
      return "CodeExchange[]";
    }
  }

  @Get("/oauth-url")
  @Operation(
      summary =
          "Where to send the browser to log in at the identity provider (code flow with PKCE); the state comes back with "
              + "the code; the session key stays with the client and goes with the code to /auth/token")
  @ApiResponse(
      responseCode = "404",
      description = "No OpenID Connect provider is configured (problem+json)")
  OidcLogins.Start oauthUrl(@QueryValue @Nullable String provider, HttpRequest<?> http) {
    attempts.refresh(http);
    return oidc.start(); // one provider per deployment; the original's provider names pick identity
    // providers inside it
  }

  @Post("/token")
  @Operation(
      summary =
          "Exchange the provider's code, with its state and the session key, for BRMH tokens; the identity is linked to a BRMH account")
  @ApiResponse(responseCode = "200", description = "Logged in; same shape as /auth/login")
  @ApiResponse(
      responseCode = "400",
      description = "Unknown or used state, a refused code, or no verified e-mail (problem+json)")
  @ApiResponse(
      responseCode = "401",
      description = "The provider's ID token does not check out (problem+json)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts from this client address; see Retry-After")
  LoginResponse token(@Body @Valid CodeExchange exchange, HttpRequest<?> http) {
    attempts.refresh(http);
    return oidc.complete(exchange.code(), exchange.state(), exchange.sessionKey());
  }
}
