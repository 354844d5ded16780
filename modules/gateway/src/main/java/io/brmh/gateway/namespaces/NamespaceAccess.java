package io.brmh.gateway.namespaces;

import io.brmh.gateway.jobs.JobAccess;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides from the caller's token, never from ids in the path or body, whether the caller may act
 * in a namespace: administrators everywhere, others by their role there. A refusal reads the same
 * whether or not the namespace exists.
 */
@Singleton
public class NamespaceAccess {
  /** Longer than any accept takes between marking a namespace and recording its job. */
  private static final Duration MARK_QUEUE_TIME = Duration.ofMinutes(1);

  private final NamespaceMembers members;
  private final NamespaceStore namespaces;
  private final JobRegistry jobs;

  NamespaceAccess(NamespaceMembers members, NamespaceStore namespaces, JobRegistry jobs) {
    this.members = members;
    this.namespaces = namespaces;
    this.jobs = jobs;
  }

  /**
   * For routes that name a namespace by its name (the {@code project} of the cache routes).
   *
   * @throws ProblemException 403 when the caller's role in the namespace of this name does not
   *     include {@code needed}, or there is no such namespace and the caller is no administrator
   */
  public void require(Authentication caller, String namespaceName, NamespaceRole needed) {
    Optional<String> id = namespaces.idOf(namespaceName);
    if (!JobAccess.isAdmin(caller)) {
      boolean allowed =
          id.flatMap(found -> members.roleOf(found, caller.getName()))
              .map(role -> role.includes(needed))
              .orElse(false);
      if (!allowed) {
        throw refused(namespaceName, needed);
      }
    }
    id.ifPresent(found -> requireNotBusy(found, needed));
  }

  /**
   * For routes that act on the namespace of a name: the id returned is the one the role was checked
   * in, so the action cannot land in another namespace that took the name meanwhile.
   *
   * @return the namespace's id
   * @throws ProblemException 403 as {@link #require}; 404 to an administrator when there is no
   *     namespace of this name
   */
  public String requireNamed(Authentication caller, String namespaceName, NamespaceRole needed) {
    if (JobAccess.isAdmin(caller)) {
      String id =
          namespaces
              .findByName(namespaceName)
              .map(Namespace::id)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          HttpStatus.NOT_FOUND,
                          "namespace-not-found",
                          "Namespace " + namespaceName + " does not exist."));
      requireNotBusy(id, needed);
      return id;
    }
    String id = namespaces.idOf(namespaceName).orElseThrow(() -> refused(namespaceName, needed));
    requireById(caller, id, needed);
    return id;
  }

  /**
   * For routes that name a namespace by its id.
   *
   * @throws ProblemException 403 when the caller's role in namespace {@code namespaceId} does not
   *     include {@code needed} (whether or not it exists) and the caller is no administrator
   */
  public void requireById(Authentication caller, String namespaceId, NamespaceRole needed) {
    if (!JobAccess.isAdmin(caller)) {
      boolean allowed =
          members
              .roleOf(namespaceId, caller.getName())
              .map(role -> role.includes(needed))
              .orElse(false);
      if (!allowed) {
        throw refused(namespaceId, needed);
      }
    }
    requireNotBusy(namespaceId, needed);
  }

  /**
   * Nothing changes in a namespace a job deletes or copies into: every change (an editor's or an
   * owner's) waits until that job ended; reading goes on. Read now, not from a cache, so no change
   * slips in after the mark.
   *
   * @throws ProblemException 409 naming the job
   */
  private void requireNotBusy(String namespaceId, NamespaceRole needed) {
    if (needed != NamespaceRole.VIEWER) {
      requireWritable(namespaceId);
    }
  }

  /**
   * For routes that check roles themselves: a change in the namespace, refused while a job deletes
   * it or copies into it.
   *
   * @throws ProblemException 409 naming the job
   */
  public void requireWritable(String namespaceId) {
    namespaces
        .find(namespaceId)
        .filter(Namespace::isBusy)
        .filter(this::markHeld)
        .ifPresent(
            busy -> {
              throw NamespaceStore.busy(busy);
            });
  }

  /**
   * Whether the job that marked the namespace still holds the mark. A mark whose job ended, or
   * never came to be (the gateway died between marking and queueing), is taken off here, so that no
   * namespace stays frozen for ever; a young mark without a job is one being queued right now.
   */
  private boolean markHeld(Namespace marked) {
    Optional<Job> job = jobs.find(marked.jobId());
    if (job.map(found -> !found.status().isTerminal()).orElse(false)) {
      return true;
    }
    if (job.isEmpty() && marked.updatedAt().isAfter(Instant.now().minus(MARK_QUEUE_TIME))) {
      return true;
    }
    namespaces.markReady(marked.id(), marked.jobId());
    return false;
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
