package io.brmh.platform.health;

import java.util.concurrent.Callable;

/**
 * One backing service a process needs before it is ready. Implementations throw when the service
 * does not answer; {@link ReadinessProbe} adds the timeout.
 */
public interface DependencyCheck {
  /** Name in the readiness report, for example {@code kafka}. */
  String name();

  /** Asks the service something cheap; returns a short detail such as a node count. */
  String check() throws Exception;

  /** A check named {@code name} that runs {@code probe}. */
  static DependencyCheck of(String name, Callable<String> probe) {
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String check() throws Exception {
        return probe.call();
      }
    };
  }
}
