package io.brmh.platform.health;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How one backing service answered the readiness probe.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param detail what it answered, or why it is down
 * @param latencyMs how long it took to answer, in milliseconds
 */
@Serdeable
public record DependencyHealth(String status, String detail, long latencyMs) {
  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  public boolean isUp() {
    return UP.equals(status);
  }
}
