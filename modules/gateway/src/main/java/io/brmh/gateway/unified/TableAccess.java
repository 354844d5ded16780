package io.brmh.gateway.unified;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brmh.gateway.jobs.JobAccess;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Who reaches the items of which table: a viewer of the table's namespace reads, an editor writes,
 * an administrator does both; any other table, BRMH's own first, reads as no table at all, so a
 * caller cannot even learn that it exists.
 */
@Singleton
class TableAccess {
  private final NamespaceTables tables;
  private final NamespaceMembers members;
  private final NamespaceAccess access;

  /**
   * Keys of tables found ACTIVE, so that an item request costs no DescribeTable (a control-plane
   * call DynamoDB rate-limits); for a minute, as an administrator may drop a table and make another
   * of the name with another key.
   */
  private final Cache<String, TableKey> activeKeys =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

  TableAccess(NamespaceTables tables, NamespaceMembers members, NamespaceAccess access) {
    this.tables = tables;
    this.members = members;
    this.access = access;
  }

  /**
   * The key of a namespace's table the caller holds {@code needed} in.
   *
   * @throws ProblemException 404 for a table of no namespace or of one the caller may not view, 403
   *     for a viewer's write, 409 while a job deletes or fills the namespace
   */
  TableKey require(String table, Authentication caller, NamespaceRole needed) {
    NamespaceTables.NamespaceTable owned = requireRecord(table, caller, needed);
    TableKey known = activeKeys.getIfPresent(owned.tableName());
    if (known != null) {
      return known;
    }
    TableDescription described =
        tables.describe(owned.tableName()).orElseThrow(() -> notFound(table));
    if (described.tableStatus() == TableStatus.CREATING) {
      // DynamoDB refuses item calls until the table is ACTIVE, seconds after it was asked for.
      throw new ProblemException(
              HttpStatus.SERVICE_UNAVAILABLE,
              "table-not-ready",
              "Table " + table + " is being made; try again in a few seconds.")
          .withHeader(HttpHeaders.RETRY_AFTER, "2");
    }
    TableKey key = TableKey.of(described);
    activeKeys.put(owned.tableName(), key);
    return key;
  }

  /** The table is gone (or going): its key is asked of DynamoDB again next time. */
  void forget(String table) {
    activeKeys.invalidate(table);
  }

  /**
   * A page of the recorded tables the caller may view: of one namespace, or for administrators
   * (namespaceId null) of all.
   *
   * @throws ProblemException 400 without a namespaceId from one who is no administrator, 403 when
   *     the caller may not view the namespace
   */
  NamespaceTables.TablePage visiblePage(
      Authentication caller, @Nullable String namespaceId, int limit, @Nullable String pageToken) {
    if (namespaceId == null && !JobAccess.isAdmin(caller)) {
      throw ProblemException.invalidField("namespaceId", "is required");
    }
    if (namespaceId != null) {
      access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    }
    return tables.page(namespaceId, limit, pageToken);
  }

  /** As {@link #require}, the table's record. */
  NamespaceTables.NamespaceTable requireRecord(
      String table, Authentication caller, NamespaceRole needed) {
    NamespaceTables.NamespaceTable owned = tables.find(table).orElseThrow(() -> notFound(table));
    NamespaceRole role =
        JobAccess.isAdmin(caller)
            ? NamespaceRole.OWNER
            : members.roleOf(owned.namespaceId(), caller.getName()).orElse(null);
    if (role == null) {
      throw notFound(table);
    }
    if (!role.includes(needed)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "namespace-access",
          "This needs the "
              + needed.name().toLowerCase(Locale.ROOT)
              + " role in the table's namespace.");
    }
    if (needed != NamespaceRole.VIEWER) {
      access.requireWritable(owned.namespaceId());
    }
    return owned;
  }

  /** Whether the caller may view the namespace. */
  boolean mayView(Authentication caller, String namespaceId) {
    return JobAccess.isAdmin(caller)
        || members
            .roleOf(namespaceId, caller.getName())
            .map(role -> role.includes(NamespaceRole.VIEWER))
            .orElse(false);
  }

  static ProblemException notFound(String table) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "table-not-found",
        "No table " + table + " belongs to a namespace you may read.");
  }
}
