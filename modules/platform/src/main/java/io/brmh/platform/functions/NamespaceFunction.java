package io.brmh.platform.functions;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A function of a namespace, as its latest deploy left it.
 *
 * @param name unique in the namespace: lower-case letters, digits and dashes, never a path
 * @param target {@code local} (the sandbox) or {@code aws} (Lambda)
 * @param liveVersion the version its alias names and invocations run, or null before the first
 *     deploy ends
 * @param latestVersion the highest version published (0 before the first)
 * @param isPublic whether its HTTP route answers without BRMH's authentication
 */
public record NamespaceFunction(
    String namespaceId,
    String name,
    String target,
    @Nullable Integer liveVersion,
    int latestVersion,
    boolean isPublic,
    Instant createdAt,
    Instant updatedAt) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public NamespaceFunction {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a function name is 1 to 64 lower-case letters, digits and dashes");
    }
  }
}
