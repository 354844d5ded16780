package io.brmh.indexworker;

import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import io.brmh.platform.search.SearchEngine;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch of table changes into every active index of their tables: per index generation, the last
 * change of each item wins, and one durable write takes them all. An index whose first reindex has
 * not run has no generation yet: that reindex reads the whole table, these changes included.
 */
@Singleton
class IndexChanges {
  private final SearchEngine engine;
  private final IndexConfigsByTable configs;

  IndexChanges(SearchEngine engine, IndexConfigsByTable configs) {
    this.engine = engine;
    this.configs = configs;
  }

  void apply(List<TableItemChanged> batch) {
    // Per generation, by document id: the document, or empty for a removal.
    Map<String, Map<String, Optional<IndexDocument>>> writes = new LinkedHashMap<>();
    for (TableItemChanged change : batch) {
      for (IndexConfig config : configs.active(change.source().table())) {
        Optional<String> generation = engine.aliased(config.alias());
        if (generation.isEmpty()) {
          continue;
        }
        Map<String, Optional<IndexDocument>> byId =
            writes.computeIfAbsent(generation.get(), g -> new LinkedHashMap<>());
        String id = SearchDocuments.id(change.keys());
        byId.remove(id); // keeps the order of the last change
        byId.put(
            id,
            change.op() == TableItemChanged.Operation.REMOVE || change.after() == null
                ? Optional.empty()
                : Optional.of(SearchDocuments.of(config, change.keys(), change.after())));
      }
    }
    writes.forEach(
        (generation, byId) -> {
          List<IndexDocument> upserts = new ArrayList<>();
          List<String> deletes = new ArrayList<>();
          byId.forEach(
              (id, document) -> document.ifPresentOrElse(upserts::add, () -> deletes.add(id)));
          engine.write(generation, upserts, deletes);
        });
  }
}
