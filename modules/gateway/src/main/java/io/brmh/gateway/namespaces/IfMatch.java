package io.brmh.gateway.namespaces;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/**
 * Reads {@code If-Match} for the versioned items of the namespace model, whose entity tags are
 * their version numbers ({@code "3"}): every change names the version it changes, so two editors
 * never overwrite each other unseen.
 */
public final class IfMatch {
  private IfMatch() {}

  /**
   * The version {@code ifMatch} names: {@code *} names the current one.
   *
   * @throws ProblemException 428 without {@code If-Match}, 412 ({@code stale}) for a tag no version
   *     of this API has
   */
  public static long expectedVersion(
      @Nullable String ifMatch, long currentVersion, ProblemException stale) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          HttpStatus.PRECONDITION_REQUIRED,
          "if-match-required",
          "Send If-Match with the ETag of the version you read, so that no change is overwritten"
              + " unseen.");
    }
    String tag = ifMatch.trim();
    if (tag.equals("*")) {
      return currentVersion;
    }
    if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return Long.parseLong(tag.substring(1, tag.length() - 1));
      } catch (NumberFormatException notOurs) {
        // an entity tag this API never made: no version of it matches
      }
    }
    throw stale;
  }
}
