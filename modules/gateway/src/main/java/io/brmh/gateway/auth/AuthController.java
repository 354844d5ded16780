package io.brmh.gateway.auth;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Collection;

/** Login and the current account. */
@Controller("/auth")
@Tag(name = "auth")
class AuthController {
  private final LoginService loginService;

  AuthController(LoginService loginService) {
    this.loginService = loginService;
  }

  @Post("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @SecurityRequirements
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Log in with e-mail and password; answers a bearer JWT")
  @ApiResponse(responseCode = "200", description = "Logged in")
  @ApiResponse(responseCode = "400", description = "Missing or malformed e-mail or password (problem+json)")
  @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (problem+json)")
  LoginResponse login(@Body @Valid LoginRequest request) {
    return loginService.login(request);
  }

  @Serdeable
  record Me(String userId, String email, Collection<String> roles) {}

  @Get("/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "The account the bearer token belongs to")
  Me me(Authentication authentication) {
    return new Me(authentication.getName(), (String) authentication.getAttributes().get(LoginService.EMAIL_CLAIM),
        authentication.getRoles());
  }
}
