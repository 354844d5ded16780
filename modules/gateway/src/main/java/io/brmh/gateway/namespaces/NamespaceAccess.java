package io.brmh.gateway.namespaces;

import io.brmh.gateway.jobs.JobAccess;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * Decides from the caller's token, never from ids in the path or body, whether the caller may act
 * in a namespace: administrators everywhere, others by their role there. A refusal reads the same
 * whether or not the namespace exists.
 */
@Singleton
public class NamespaceAccess {
  private final NamespaceMembers members;
  private final NamespaceStore namespaces;

  NamespaceAccess(NamespaceMembers members, NamespaceStore namespaces) {
    this.members = members;
    this.namespaces = namespaces;
  }

  /**
   * For routes that name a namespace by its name (the {@code project} of the cache routes).
   *
   * @throws ProblemException 403 when the caller's role in the namespace of this name does not
   *     include {@code needed}, or there is no such namespace and the caller is no administrator
   */
  public void require(Authentication caller, String namespaceName, NamespaceRole needed) {
    if (JobAccess.isAdmin(caller)) {
      return;
    }
    boolean allowed =
        namespaces
            .idOf(namespaceName)
            .flatMap(id -> members.roleOf(id, caller.getName()))
            .map(role -> role.includes(needed))
            .orElse(false);
    if (!allowed) {
      throw refused(namespaceName, needed);
    }
  }

  /**
   * For routes that name a namespace by its id.
   *
   * @throws ProblemException 403 when the caller's role in namespace {@code namespaceId} does not
   *     include {@code needed} (whether or not it exists) and the caller is no administrator
   */
  public void requireById(Authentication caller, String namespaceId, NamespaceRole needed) {
    if (JobAccess.isAdmin(caller)) {
      return;
    }
    boolean allowed =
        members
            .roleOf(namespaceId, caller.getName())
            .map(role -> role.includes(needed))
            .orElse(false);
    if (!allowed) {
      throw refused(namespaceId, needed);
    }
  }

  private static ProblemException refused(String namespace, NamespaceRole needed) {
    return new ProblemException(
        HttpStatus.FORBIDDEN,
        "namespace-access",
        "This needs the "
            + needed.name().toLowerCase(java.util.Locale.ROOT)
            + " role in namespace "
            + namespace
            + ".");
  }
}
