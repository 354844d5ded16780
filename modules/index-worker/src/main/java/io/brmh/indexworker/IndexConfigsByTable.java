package io.brmh.indexworker;

import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active index configurations of each table, read again after {@code configs-life}, or at once
 * when a reindex of the table comes: a new configuration is announced by its first reindex, which
 * the table's changes behind it wait for in Kafka.
 */
@Singleton
class IndexConfigsByTable {
  private record Held(List<IndexConfig> configs, long readAtNanos) {}

  private final IndexConfigStore store;
  private final long lifeNanos;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  IndexConfigsByTable(IndexConfigStore store, IndexWorkerConfiguration configuration) {
    this.store = store;
    this.lifeNanos = configuration.configsLife().toNanos();
  }

  List<IndexConfig> active(String table) {
    Held current = held.get(table);
    if (current == null || System.nanoTime() - current.readAtNanos() > lifeNanos) {
      current =
          new Held(
              store.ofTable(table).stream().filter(IndexConfig::isActive).toList(),
              System.nanoTime());
      held.put(table, current);
    }
    return current.configs();
  }

  void forget(String table) {
    held.remove(table);
  }

  /**
   * Adds (or replaces) a configuration read strongly by id: the index by table is eventually
   * consistent, and a read just after the configuration was made may not list it yet.
   */
  void include(IndexConfig config) {
    List<IndexConfig> all =
        new java.util.ArrayList<>(
            active(config.table()).stream().filter(c -> !c.id().equals(config.id())).toList());
    if (config.isActive()) {
      all.add(config);
    }
    held.put(config.table(), new Held(List.copyOf(all), System.nanoTime()));
  }
}
