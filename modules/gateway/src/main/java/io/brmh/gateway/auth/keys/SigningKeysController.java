package io.brmh.gateway.auth.keys;

import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * The token-signing keys, for administrators: which verify, which signs, rotation and revocation.
 * Never any private part.
 */
@Controller("/auth/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
@Secured(Roles.ADMIN)
class SigningKeysController {
  private final SigningKeys keys;

  SigningKeysController(SigningKeys keys) {
    this.keys = keys;
  }

  /**
   * A signing key as administrators see it.
   *
   * @param verifiesUntil null while it signs; else when it stops verifying
   */
  @Serdeable
  record KeyInfo(String kid, Instant createdAt, @Nullable Instant verifiesUntil, boolean signing) {
    static KeyInfo of(SigningKey key) {
      return new KeyInfo(
          key.id(), key.createdAt(), key.verifiesUntil(), key.verifiesUntil() == null);
    }
  }

  @Get
  @Operation(
      summary =
          "The keys that verify tokens now, newest first; the one without verifiesUntil signs (admin)")
  List<KeyInfo> list() {
    return keys.published().stream().map(KeyInfo::of).toList();
  }

  @Post("/rotate")
  @Status(HttpStatus.CREATED)
  @Operation(
      summary =
          "Make a new signing key now; the older ones verify until the tokens they signed expire (admin)")
  KeyInfo rotate() {
    return KeyInfo.of(keys.rotate());
  }

  @Delete("/{kid}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a key that leaked: tokens it signed are refused at once (admin)")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "404", description = "No key with this id verifies (problem+json)")
  void revoke(String kid) {
    if (!keys.revoke(kid)) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND, "not-found", "No signing key " + kid + " verifies tokens.");
    }
  }
}
