package io.brmh.scrapeworker.execute;

import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.outbound.OutboundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The waits between two tries of a call: how long the other side asked for, and a wait that a stop
 * or a cancel does not have to sit out.
 */
public final class Waits {
  private static final Duration SLICE = Duration.ofMillis(100);

  private Waits() {}

  /** What the answer asks for: Retry-After in seconds or as a date, or a rate limit's reset. */
  public static Optional<Duration> requested(OutboundResponse response) {
    String retryAfter = response.header("retry-after");
    if (retryAfter != null) {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip()))));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at =
              ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant();
          Duration until = Duration.between(Instant.now(), at);
          return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
          return Optional.empty();
        }
      }
    }
    for (String name :
        new String[] {"ratelimit-reset", "x-ratelimit-reset", "x-rate-limit-reset"}) {
      String reset = response.header(name);
      if (reset != null) {
        try {
          long value = Long.parseLong(reset.strip());
          // Some APIs send seconds to wait, others the epoch second of the reset.
          long seconds = value > 1_000_000_000L ? value - Instant.now().getEpochSecond() : value;
          return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException unreadable) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Waits in slices of 100 ms, calling {@code checkpoint} before each, which throws to end the wait
   * early (a cancel, a stop).
   *
   * @throws JobSteps.Stopped when the thread is interrupted: the worker is shutting down
   */
  public static void pause(Duration wait, Runnable checkpoint) {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      checkpoint.run();
      try {
        Thread.sleep(
            Math.min(SLICE.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        throw new JobSteps.Stopped();
      }
    }
  }
}
