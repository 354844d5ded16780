package io.brmh.gateway.auth.apikeys;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Credentials of machine clients (the stream Lambda, CI scripts), managed by administrators. */
@Controller("/auth/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
@Secured(Roles.ADMIN)
class ApiKeysController {
  /** The scopes a key can be given; each one is a role that some routes accept. */
  static final Set<String> SCOPES = Set.of(Roles.CACHE_INGEST);

  private final ApiKeys keys;

  ApiKeysController(ApiKeys keys) {
    this.keys = keys;
  }

  /**
   * @param scopes from {@value Roles#CACHE_INGEST}
   * @param tables the tables its changes may name; none means any
   */
  @Serdeable
  record NewApiKey(
      @NotBlank @Size(max = 100) String name,
      @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 64) String> scopes,
      @Nullable @Size(max = 100)
          List<
                  @Size(max = CacheNames.TABLE_MAX_LENGTH)
                  @Pattern(
                      regexp = CacheNames.TABLE_REGEX,
                      message = "must be a DynamoDB table name")
                  String>
              tables) {}

  /** The key made, with its full text: shown this once, kept by nobody else. */
  @Serdeable
  record Created(ApiKey apiKey, String key) {}

  @Post
  @Status(HttpStatus.CREATED)
  @Operation(
      summary =
          "Make an API key for a machine client; its full text is in this answer only (admin)")
  @ApiResponse(responseCode = "201", description = "Made; send it as the X-API-Key header")
  @ApiResponse(
      responseCode = "400",
      description = "No name, no or an unknown scope, a malformed table name (problem+json)")
  Created create(@Body @Valid NewApiKey request, Authentication admin) {
    for (String scope : request.scopes()) {
      if (!SCOPES.contains(scope)) {
        throw ProblemException.invalidField(
            "scopes", "unknown scope " + scope + "; known: " + SCOPES);
      }
    }
    // DynamoDB string sets hold no duplicates: a repeated scope or table would fail the write.
    List<String> scopes = List.copyOf(new LinkedHashSet<>(request.scopes()));
    List<String> tables =
        request.tables() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.tables()));
    ApiKeys.Made made = keys.create(request.name(), scopes, tables, admin.getName());
    return new Created(made.key(), made.secretKey());
  }

  @Get
  @Operation(summary = "The live API keys, without their secrets (admin)")
  List<ApiKey> list() {
    return keys.list();
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke an API key: the next request with it is refused (admin)")
  @ApiResponse(responseCode = "404", description = "No such key (problem+json)")
  void revoke(String id) {
    if (!keys.revoke(id)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "No API key " + id + ".");
    }
  }
}
