package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.cache.CacheRetirement;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.TableKey;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * An administrator's table management: make a table in a namespace, attach one to a namespace,
 * detach it, drop it. Nothing changes in a namespace a job deletes or fills; a dropped table's
 * caches are retired with it.
 */
@Singleton
class TableManagement {
  private final NamespaceTables tables;
  private final NamespaceStore namespaces;
  private final NamespaceAccess access;
  private final CacheRetirement caches;
  private final TableAccess tableAccess;

  TableManagement(
      NamespaceTables tables,
      NamespaceStore namespaces,
      NamespaceAccess access,
      CacheRetirement caches,
      TableAccess tableAccess) {
    this.tableAccess = tableAccess;
    this.tables = tables;
    this.namespaces = namespaces;
    this.access = access;
    this.caches = caches;
  }

  /** A table dropped, and the jobs clearing the caches that copied it. */
  record Dropped(String tableName, List<String> cacheClearJobs) {}

  /**
   * @return DynamoDB's status of the new table
   * @throws ProblemException 404 for no such namespace, 409 when the name is taken
   */
  String create(NamespaceTables.NamespaceTable wanted, TableKey key, String callerId) {
    requireNamespace(wanted.namespaceId());
    return tables.createNew(wanted, key, callerId);
  }

  NamespaceTables.NamespaceTable attach(String table, String namespaceId, String callerId) {
    requireNamespace(namespaceId);
    return tables.attach(table, namespaceId, callerId);
  }

  /**
   * @throws ProblemException 404 when no namespace holds the table
   */
  void detach(String table) {
    NamespaceTables.NamespaceTable recorded =
        tables
            .find(table)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "table-not-found",
                        "No namespace holds table " + table + "."));
    access.requireWritable(recorded.namespaceId());
    tables.remove(recorded, false);
  }

  /**
   * Retires every cache configuration of the table, then drops it. In that order, as a namespace
   * delete does: a drop that fails after the retirement leaves a live table without its caches
   * (made again on request), never caches of a table that is gone, which a later table of the name
   * would be served from.
   */
  Dropped drop(String table, String callerId) {
    tables.find(table).ifPresent(recorded -> access.requireWritable(recorded.namespaceId()));
    tables.requireDroppable(table);
    List<String> clears =
        caches.retire(
            config -> config.tableName().equals(table),
            UUID.randomUUID().toString(),
            callerId,
            "/brmh/gateway");
    tables.drop(table);
    tableAccess.forget(table);
    return new Dropped(table, clears);
  }

  private void requireNamespace(String namespaceId) {
    namespaces.find(namespaceId).orElseThrow(() -> NamespaceStore.notFound(namespaceId));
    access.requireWritable(namespaceId);
  }
}
