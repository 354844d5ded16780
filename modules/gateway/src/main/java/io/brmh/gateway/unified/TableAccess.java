package io.brmh.gateway.unified;

import io.brmh.gateway.jobs.JobAccess;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.TableKey;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
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
    return TableKey.of(described);
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
