package io.brmh.gateway.namespaces;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.gateway.auth.Accounts;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceIcons;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * Starts the jobs the namespace worker runs: the namespace is marked for the job first (so nothing
 * in it changes meanwhile, and a second delete is refused), then the command goes to Kafka keyed by
 * the namespace's id. A command Kafka refuses leaves no mark behind.
 */
@Singleton
class NamespaceJobs {
  static final String DELETE_JOB_TYPE = "namespace.delete";
  static final String DUPLICATE_JOB_TYPE = "namespace.duplicate";
  private static final String SOURCE = "/brmh/gateway";

  private final NamespaceStore namespaces;
  private final NamespaceMembers members;
  private final JobCommands commands;
  private final NamespaceMigration migration;
  private final NamespaceAccess access;
  private final NamespaceIcons icons;

  NamespaceJobs(
      NamespaceStore namespaces,
      NamespaceMembers members,
      JobCommands commands,
      NamespaceMigration migration,
      NamespaceAccess access,
      NamespaceIcons icons) {
    this.access = access;
    this.icons = icons;
    this.namespaces = namespaces;
    this.members = members;
    this.commands = commands;
    this.migration = migration;
  }

  /** The subject of every job on a namespace, so its jobs can be listed. */
  static String subject(String namespaceId) {
    return "namespace:" + namespaceId;
  }

  /**
   * @throws ProblemException 404 when there is none, 409 when a job works on it already, 503 when
   *     Kafka did not take the command
   */
  Job delete(String namespaceId, boolean deleteTables, Authentication caller) {
    String jobId = UUID.randomUUID().toString();
    namespaces.markBusy(namespaceId, Namespace.DELETING, jobId);
    try {
      return commands.submit(
          jobId,
          DELETE_JOB_TYPE,
          subject(namespaceId),
          caller.getName(),
          id ->
              new Envelope<>(
                  EnvelopeAttributes.create(
                          MessageType.NAMESPACE_DELETE_REQUESTED, SOURCE, namespaceId)
                      .withJobId(id),
                  new NamespaceDeleteRequested(id, namespaceId, deleteTables, caller.getName())));
    } catch (RuntimeException notQueued) {
      namespaces.markReady(namespaceId, jobId);
      throw notQueued;
    }
  }

  /**
   * Makes the copy (named {@code newName}, or the original's name with {@code -copy}), owned by the
   * caller and marked copying, and starts the job that fills it.
   *
   * @throws ProblemException 404 when there is no such namespace, 409 when the name is taken or a
   *     job works on the namespace, 503 while the start-up migration runs or when Kafka did not
   *     take the command
   */
  Job duplicate(
      String namespaceId,
      @Nullable String newName,
      boolean includeSecrets,
      boolean includeItems,
      Authentication caller) {
    migration.requireDone();
    Namespace source =
        namespaces.find(namespaceId).orElseThrow(() -> NamespaceStore.notFound(namespaceId));
    access.requireWritable(namespaceId); // no copy of a namespace being deleted or filled
    String name = newName != null ? newName : source.name() + "-copy";
    String jobId = UUID.randomUUID().toString();
    NamespaceMember owner =
        new NamespaceMember(
            caller.getName(),
            Accounts.addressOf(caller.getAttributes()),
            NamespaceRole.OWNER,
            caller.getName(),
            Instant.now());
    String copyId = UUID.randomUUID().toString();
    String copiedIcon = icons.copy(source.iconUrl(), copyId).orElse(null);
    Namespace copy;
    try {
      copy =
          namespaces
              .createCopy(
                  copyId,
                  new NamespaceFields(name, source.url(), source.tags(), source.description()),
                  owner,
                  copiedIcon,
                  jobId)
              .orElseThrow(() -> NamespaceStore.nameTaken(name));
    } catch (RuntimeException notCreated) {
      icons.delete(copiedIcon);
      throw notCreated;
    }
    try {
      return commands.submit(
          jobId,
          DUPLICATE_JOB_TYPE,
          subject(namespaceId),
          caller.getName(),
          id ->
              new Envelope<>(
                  EnvelopeAttributes.create(
                          MessageType.NAMESPACE_DUPLICATE_REQUESTED, SOURCE, namespaceId)
                      .withJobId(id),
                  new NamespaceDuplicateRequested(
                      id, namespaceId, copy.id(), includeSecrets, includeItems, caller.getName())));
    } catch (RuntimeException notQueued) {
      // Nothing will fill the copy: it goes, with its owner's role, and its name is free again.
      members.remove(copy.id(), caller.getName());
      namespaces.delete(copy, jobId);
      icons.delete(copiedIcon);
      throw notQueued;
    }
  }
}
