package io.brmh.gateway.namespaces;

import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRolesTable;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.namespaces.NamespacesTable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Pages of namespaces: every namespace for administrators (a scan), the caller's for everyone else
 * (the roles index). A name filter keeps the namespaces whose name contains it. A page fills up to
 * its limit unless that would take more than {@value #MAX_CALLS} reads; its token points after the
 * last namespace returned, so the next page misses none and repeats none.
 */
@Singleton
class NamespaceListing {
  private static final int MAX_CALLS = 10;
  private static final int SCAN_PAGE = 500;

  private final DynamoDbClient dynamo;
  private final NamespacesTable table;
  private final NamespaceMembers members;
  private final NamespaceStore namespaces;
  private final PageTokens tokens;

  NamespaceListing(
      DynamoDbClient dynamo,
      NamespacesTable table,
      NamespaceMembers members,
      NamespaceStore namespaces,
      PageTokens tokens) {
    this.dynamo = dynamo;
    this.table = table;
    this.members = members;
    this.namespaces = namespaces;
    this.tokens = tokens;
  }

  /** Every namespace, for administrators. */
  NamespacePage all(@Nullable String nameContains, int limit, @Nullable String pageToken) {
    Map<String, AttributeValue> start = tokens.decode(pageToken, Set.of(NamespacesTable.ID));
    List<Namespace> found = new ArrayList<>();
    Map<String, String> names = new HashMap<>(Map.of("#kind", NamespacesTable.KIND));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":kind", AttributeValue.fromS(NamespacesTable.NAMESPACE_KIND)));
    String filter = "#kind = :kind";
    if (nameContains != null && !nameContains.isEmpty()) {
      filter += " AND contains(#name, :name)";
      names.put("#name", NamespacesTable.NAME);
      values.put(":name", AttributeValue.fromS(nameContains));
    }
    String expression = filter;
    for (int call = 0; call < MAX_CALLS; call++) {
      Map<String, AttributeValue> from = start;
      ScanResponse page =
          PageTokens.startingAt(
              from,
              () ->
                  dynamo.scan(
                      b ->
                          b.tableName(table.name())
                              .filterExpression(expression)
                              .expressionAttributeNames(names)
                              .expressionAttributeValues(values)
                              .limit(SCAN_PAGE)
                              .exclusiveStartKey(from)));
      for (Map<String, AttributeValue> item : page.items()) {
        found.add(NamespaceStore.namespace(item));
        if (found.size() == limit) {
          return new NamespacePage(
              found, tokens.encode(Map.of(NamespacesTable.ID, item.get(NamespacesTable.ID))));
        }
      }
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : Map.of();
      if (start.isEmpty()) {
        return new NamespacePage(found, null);
      }
    }
    return new NamespacePage(found, tokens.encode(start));
  }

  /** The namespaces {@code userId} holds a role in. */
  NamespacePage of(
      String userId, @Nullable String nameContains, int limit, @Nullable String pageToken) {
    Map<String, AttributeValue> start =
        tokens.decode(
            pageToken, Set.of(NamespaceRolesTable.NAMESPACE_ID, NamespaceRolesTable.MEMBER));
    if (start != null && !userId.equals(start.get(NamespaceRolesTable.MEMBER).s())) {
      throw PageTokens.invalid(); // another user's position: not this caller's listing
    }
    List<Namespace> found = new ArrayList<>();
    for (int call = 0; call < MAX_CALLS; call++) {
      NamespaceMembers.NamespaceIds page = members.namespacesOf(userId, limit, start);
      for (String id : page.ids()) {
        var namespace = namespaces.find(id);
        if (namespace.isPresent()
            && (nameContains == null || namespace.get().name().contains(nameContains))) {
          found.add(namespace.get());
          if (found.size() == limit) {
            return new NamespacePage(found, tokens.encode(positionAfter(id, userId)));
          }
        }
      }
      if (page.lastKey() == null) {
        return new NamespacePage(found, null);
      }
      start = page.lastKey();
    }
    return new NamespacePage(found, tokens.encode(start));
  }

  private static Map<String, AttributeValue> positionAfter(String namespaceId, String userId) {
    return Map.of(
        NamespaceRolesTable.NAMESPACE_ID,
        AttributeValue.fromS(namespaceId),
        NamespaceRolesTable.MEMBER,
        AttributeValue.fromS(userId));
  }
}
