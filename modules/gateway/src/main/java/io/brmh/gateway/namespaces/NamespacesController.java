package io.brmh.gateway.namespaces;

import io.brmh.gateway.auth.Accounts;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Namespaces (a cache's {@code project} is its namespace) and their members: whoever creates one
 * owns it; owners grant viewer, editor and owner roles to accounts by e-mail.
 */
@Controller("/namespaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "namespaces")
@Secured(Roles.USER)
class NamespacesController {
  static final String NAME = CacheNames.PROJECT_REGEX;

  /** User ids are UUIDs: nothing else can be addressed as a member. */
  static final String USER_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final NamespaceStore namespaces;
  private final NamespaceService service;
  private final NamespaceMembers members;
  private final NamespaceAccess access;
  private final Accounts accounts;

  NamespacesController(
      NamespaceStore namespaces,
      NamespaceService service,
      NamespaceMembers members,
      NamespaceAccess access,
      Accounts accounts) {
    this.namespaces = namespaces;
    this.service = service;
    this.members = members;
    this.access = access;
    this.accounts = accounts;
  }

  @Serdeable
  record NewNamespace(
      @NotBlank @Size(max = 128) @Pattern(regexp = NAME, message = CacheNames.PROJECT_MESSAGE)
          String name) {}

  @Serdeable
  record Created(String id, String name, NamespaceRole role) {}

  @Serdeable
  record Grant(@NotBlank @Email @Size(max = 320) String email, @NotNull NamespaceRole role) {}

  @Post
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Create a namespace; the caller owns it")
  @ApiResponse(responseCode = "409", description = "The namespace exists (problem+json)")
  Created create(@Body @Valid NewNamespace request, Authentication caller) {
    Namespace created =
        service.create(new NamespaceFields(request.name(), null, null, null), caller);
    return new Created(created.id(), created.name(), NamespaceRole.OWNER);
  }

  @Get("/{namespace}/members")
  @Operation(summary = "The namespace's members and roles (viewer)")
  List<NamespaceMember> members(@Pattern(regexp = NAME) String namespace, Authentication caller) {
    return members.members(access.requireNamed(caller, namespace, NamespaceRole.VIEWER));
  }

  @Put("/{namespace}/members")
  @Operation(
      summary =
          "Give the account with this e-mail a role in the namespace, replacing its earlier one (owner)")
  @ApiResponse(responseCode = "404", description = "No account with this e-mail (problem+json)")
  NamespaceMember grant(
      @Pattern(regexp = NAME) String namespace, @Body @Valid Grant grant, Authentication caller) {
    String namespaceId = access.requireNamed(caller, namespace, NamespaceRole.OWNER);
    String userId =
        accounts
            .userIdOf(grant.email())
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND, "account-not-found", "No account has this e-mail."));
    NamespaceMember member =
        new NamespaceMember(
            userId,
            Accounts.normalizedEmail(grant.email()),
            grant.role(),
            caller.getName(),
            Instant.now());
    members.grant(namespaceId, member);
    return member;
  }

  @Delete("/{namespace}/members/{userId}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Take a member's role back (owner); the last owner stays")
  @ApiResponse(responseCode = "404", description = "No such member (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "The last owner cannot be removed (problem+json)")
  void remove(
      @Pattern(regexp = NAME) String namespace,
      @Pattern(regexp = USER_ID, message = "must be a user id") String userId,
      Authentication caller) {
    String namespaceId = access.requireNamed(caller, namespace, NamespaceRole.OWNER);
    List<NamespaceMember> current = members.members(namespaceId);
    boolean lastOwner =
        current.stream()
            .filter(member -> member.role() == NamespaceRole.OWNER)
            .map(NamespaceMember::userId)
            .toList()
            .equals(List.of(userId));
    if (lastOwner) {
      throw new ProblemException(
          HttpStatus.CONFLICT, "last-owner", "A namespace keeps at least one owner.");
    }
    if (!members.remove(namespaceId, userId)) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "member-not-found",
          "No member " + userId + " in namespace " + namespace + ".");
    }
  }
}
