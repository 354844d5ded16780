package io.brmh.platform.health;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The readiness report: {@code UP} only when every dependency is up.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param dependencies the answer of each backing service, by name
 */
@Serdeable
public record Readiness(String status, Map<String, DependencyHealth> dependencies) {
  public boolean isUp() {
    return DependencyHealth.UP.equals(status);
  }
}
