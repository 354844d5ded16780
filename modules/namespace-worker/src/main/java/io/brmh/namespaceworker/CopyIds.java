package io.brmh.namespaceworker;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids of a duplicate's copies: a name-based UUID of the copy namespace and the original's id,
 * the same on every run of the job, so a run after a crash finds the copies the last one made
 * instead of making them twice, and references between originals map to references between copies
 * before those exist.
 */
final class CopyIds {
  private final String copyNamespaceId;

  CopyIds(String copyNamespaceId) {
    this.copyNamespaceId = copyNamespaceId;
  }

  String of(String originalId) {
    return UUID.nameUUIDFromBytes(
            (copyNamespaceId + "/" + originalId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
