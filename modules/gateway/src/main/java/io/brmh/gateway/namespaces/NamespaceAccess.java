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

  NamespaceAccess(NamespaceMembers members) {
    this.members = members;
  }

  /**
   * @throws ProblemException 403 when the caller's role in {@code namespace} does not include
   *     {@code needed}
   */
  public void require(Authentication caller, String namespace, NamespaceRole needed) {
    if (JobAccess.isAdmin(caller)) {
      return;
    }
    boolean allowed =
        members
            .roleOf(namespace, caller.getName())
            .map(role -> role.includes(needed))
            .orElse(false);
    if (!allowed) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "namespace-access",
          "This needs the "
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + " role in namespace "
              + namespace
              + ".");
    }
  }
}
