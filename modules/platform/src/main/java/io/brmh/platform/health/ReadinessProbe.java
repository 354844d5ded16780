package io.brmh.platform.health;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Asks every {@link DependencyCheck} in parallel, each bounded by a timeout. */
@Singleton
public class ReadinessProbe {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ReadinessProbe.class);
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final List<DependencyCheck> checks;
  private final ExecutorService executor;

  public ReadinessProbe(List<DependencyCheck> checks, @Named("io") ExecutorService executor) {
    this.checks = checks;
    this.executor = executor;
  }

  public Readiness probe() {
    Map<String, CompletableFuture<DependencyHealth>> running = new TreeMap<>();
    for (DependencyCheck check : checks) {
      running.put(
          check.name(),
          CompletableFuture.supplyAsync(() -> run(check), executor)
              .completeOnTimeout(
                  new DependencyHealth(
                      DependencyHealth.DOWN,
                      "no answer within " + TIMEOUT.toMillis() + " ms",
                      TIMEOUT.toMillis()),
                  TIMEOUT.toMillis(),
                  TimeUnit.MILLISECONDS));
    }
    Map<String, DependencyHealth> results = new TreeMap<>();
    running.forEach((name, future) -> results.put(name, future.join()));
    boolean allUp = results.values().stream().allMatch(DependencyHealth::isUp);
    return new Readiness(allUp ? DependencyHealth.UP : DependencyHealth.DOWN, results);
  }

  private static DependencyHealth run(DependencyCheck check) {
    long start = System.nanoTime();
    try {
      String detail = check.check();
      return new DependencyHealth(DependencyHealth.UP, detail, elapsedMs(start));
    } catch (Exception e) {
      return new DependencyHealth(DependencyHealth.DOWN, describe(e), elapsedMs(start));
    }
  }

  /**
   * The root failure's class only: the route is public, and messages name hosts and ports. The full
   * failure is in the log.
   */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    LOG.warn("Readiness check failed: {}", root.toString());
    return root.getClass().getSimpleName();
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
