package io.brmh.gateway.ws;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a WebSocket client sends.
 *
 * @param action {@code subscribe}, {@code unsubscribe} or {@code state}
 * @param jobIds job ids to (un)subscribe to, or whose current state to send
 * @param jobTypes job types to (un)subscribe to, for example {@code cache.table}
 * @param subjects subjects to (un)subscribe to, for example {@code cache:myproject:mytable}
 */
@Serdeable
record SocketCommand(
    String action,
    @Nullable List<String> jobIds,
    @Nullable List<String> jobTypes,
    @Nullable List<String> subjects) {

  List<String> jobIdsOrEmpty() {
    return jobIds == null ? List.of() : jobIds;
  }

  List<String> jobTypesOrEmpty() {
    return jobTypes == null ? List.of() : jobTypes;
  }

  List<String> subjectsOrEmpty() {
    return subjects == null ? List.of() : subjects;
  }
}
