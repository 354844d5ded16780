package io.brmh.gateway.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}): how long a client is willing
 * to wait for a synchronous answer. Capped, so a client cannot hold a connection for ever.
 */
public final class PreferWait {
  static final Duration MAX_WAIT = Duration.ofSeconds(60);
  private static final Pattern WAIT =
      Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,9})\"?", Pattern.CASE_INSENSITIVE);

  private PreferWait() {}

  /** The wait a {@code Prefer} header asks for; empty when there is none or it is malformed. */
  public static Optional<Duration> parse(String preferHeader) {
    if (preferHeader == null) {
      return Optional.empty();
    }
    Matcher matcher = WAIT.matcher(preferHeader);
    if (!matcher.find()) {
      return Optional.empty();
    }
    Duration asked = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
    return Optional.of(asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked);
  }
}
