package io.brmh.platform.cache;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active cache configurations, held in memory by table and read again on a thread of their own
 * when the {@link CacheConfigVersion} counter moves (the original scanned the table on every change
 * event; BRMH until now once a second on the consumer's thread). A caller that must see every
 * configuration written before its message ({@link #forTableAsOfNow}) compares the counter and
 * waits for the re-read; others take what is held ({@link #all}).
 */
@Singleton
public class ActiveCacheConfigs {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveCacheConfigs.class);

  private final CacheConfigRepository repository;
  private final CacheConfigVersion version;
  private final CacheConfigRefresh settings;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "cache-config-refresh");
            thread.setDaemon(true);
            return thread;
          });

  /** Replaced by the refresher thread only. */
  private volatile Snapshot held;

  /** Configurations as read after the counter showed {@code version}. */
  private record Snapshot(
      long version,
      List<CacheConfig> all,
      Map<String, List<CacheConfig>> byTable,
      long readAtNanos) {}

  ActiveCacheConfigs(
      CacheConfigRepository repository, CacheConfigVersion version, CacheConfigRefresh settings) {
    this.repository = repository;
    this.version = version;
    this.settings = settings;
    refresher.scheduleWithFixedDelay(
        this::refreshIfChanged, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The active configurations of a table, including every one written before this call.
   *
   * @throws IllegalStateException when they could not be read within {@code max-wait} (DynamoDB or
   *     Redis unavailable): a passing failure, the caller tries again
   */
  public List<CacheConfig> forTableAsOfNow(String table) {
    return byTableAsOfNow().getOrDefault(table, List.of());
  }

  /**
   * Every active configuration by table, including every one written before this call: one read of
   * the counter for a whole batch of changes, whatever tables it touches.
   *
   * @throws IllegalStateException as {@link #forTableAsOfNow}
   */
  public Map<String, List<CacheConfig>> byTableAsOfNow() {
    long now = version.current();
    Snapshot snapshot = held;
    if (snapshot == null || snapshot.version() != now) {
      snapshot = awaitReRead(now);
    }
    return snapshot.byTable();
  }

  /**
   * Whether a project's configuration of a table is active. Memory may say yes; only the table says
   * no (a consistent read), since a writer that died before moving the counter, or a counter Redis
   * set back, leaves memory behind: a caller that fails work on a no is never wrong.
   */
  public boolean isActiveAsOfNow(String table, String project) {
    return forTableAsOfNow(table).stream().anyMatch(config -> config.project().equals(project))
        || repository.findActive(table).stream()
            .anyMatch(config -> config.project().equals(project));
  }

  /**
   * The active configurations as held, at most about a poll interval old; the first call waits for
   * the first read.
   *
   * @throws IllegalStateException when nothing was read yet and reading failed within {@code
   *     max-wait}
   */
  public List<CacheConfig> all() {
    Snapshot snapshot = held;
    return (snapshot != null ? snapshot : awaitReRead(version.current())).all();
  }

  private Snapshot awaitReRead(long atLeast) {
    CompletableFuture<Snapshot> read = new CompletableFuture<>();
    refresher.execute(
        () -> {
          try {
            Snapshot snapshot = held;
            read.complete(snapshot != null && snapshot.version() == atLeast ? snapshot : reRead());
          } catch (RuntimeException failed) {
            read.completeExceptionally(failed);
          }
        });
    try {
      return read.get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the cache configurations could not be read: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cache configurations", e);
    }
  }

  private void refreshIfChanged() {
    try {
      Snapshot snapshot = held;
      boolean due =
          snapshot == null
              || System.nanoTime() - snapshot.readAtNanos() > settings.fullRefresh().toNanos();
      if (due || version.current() != snapshot.version()) {
        reRead();
      }
    } catch (Throwable storeDown) { // anything escaping would end the periodic refresh for good
      LOG.warn(
          "Reading the cache configurations failed; trying again in {}: {}",
          settings.poll(),
          storeDown.toString());
    }
  }

  /**
   * Runs on the refresher thread only. The counter is read first: a change during the scan is read
   * again next time.
   */
  private Snapshot reRead() {
    long current = version.current();
    List<CacheConfig> all = repository.findActive();
    Map<String, List<CacheConfig>> byTable = new HashMap<>();
    all.forEach(
        config ->
            byTable.computeIfAbsent(config.tableName(), table -> new ArrayList<>()).add(config));
    byTable.replaceAll((table, configs) -> List.copyOf(configs));
    Snapshot snapshot =
        new Snapshot(current, List.copyOf(all), Map.copyOf(byTable), System.nanoTime());
    held = snapshot;
    return snapshot;
  }

  @PreDestroy
  void stop() {
    refresher.shutdownNow();
  }
}
