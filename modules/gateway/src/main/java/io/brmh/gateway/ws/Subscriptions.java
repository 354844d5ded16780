package io.brmh.gateway.ws;

import io.brmh.contracts.job.JobEvent;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one WebSocket client listens to: job ids, job types and subjects. An event matching any of
 * them is sent.
 */
final class Subscriptions {
  /** Bounds what one connection can make the server remember. */
  static final int MAX_ENTRIES = 1_000;

  private final Set<String> jobIds = ConcurrentHashMap.newKeySet();
  private final Set<String> jobTypes = ConcurrentHashMap.newKeySet();
  private final Set<String> subjects = ConcurrentHashMap.newKeySet();

  boolean matches(JobEvent event) {
    return jobIds.contains(event.jobId())
        || jobTypes.contains(event.jobType())
        || subjects.contains(event.subject());
  }

  /**
   * @return false, changing nothing, when the client would exceed {@link #MAX_ENTRIES}
   */
  boolean add(SocketCommand command) {
    int after =
        size()
            + command.jobIdsOrEmpty().size()
            + command.jobTypesOrEmpty().size()
            + command.subjectsOrEmpty().size();
    if (after > MAX_ENTRIES) {
      return false;
    }
    jobIds.addAll(command.jobIdsOrEmpty());
    jobTypes.addAll(command.jobTypesOrEmpty());
    subjects.addAll(command.subjectsOrEmpty());
    return true;
  }

  void remove(SocketCommand command) {
    command.jobIdsOrEmpty().forEach(jobIds::remove);
    command.jobTypesOrEmpty().forEach(jobTypes::remove);
    command.subjectsOrEmpty().forEach(subjects::remove);
  }

  Set<String> jobIds() {
    return Set.copyOf(jobIds);
  }

  View view() {
    return new View(Set.copyOf(jobIds), Set.copyOf(jobTypes), Set.copyOf(subjects));
  }

  private int size() {
    return jobIds.size() + jobTypes.size() + subjects.size();
  }

  /** The subscriptions as sent back to the client. */
  @Serdeable
  record View(Set<String> jobIds, Set<String> jobTypes, Set<String> subjects) {}
}
