package io.brmh.platform.namespaces;

import static io.brmh.platform.namespaces.NamespaceRolesTable.BY_MEMBER;
import static io.brmh.platform.namespaces.NamespaceRolesTable.EMAIL;
import static io.brmh.platform.namespaces.NamespaceRolesTable.GRANTED_AT;
import static io.brmh.platform.namespaces.NamespaceRolesTable.GRANTED_BY;
import static io.brmh.platform.namespaces.NamespaceRolesTable.MEMBER;
import static io.brmh.platform.namespaces.NamespaceRolesTable.NAMESPACE_ID;
import static io.brmh.platform.namespaces.NamespaceRolesTable.ROLE;

import com.github.benmanes.caffeine.cache.Cache;
import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.security.LookupCaches;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Members' roles in namespaces, by namespace id, in DynamoDB. */
@Singleton
public class NamespaceMembers {
  private final DynamoDbClient dynamo;
  private final NamespaceRolesTable table;

  /** Roles by namespace id and user, as every request to a namespace looks them up. */
  private final Cache<List<String>, Optional<NamespaceRole>> roles;

  public NamespaceMembers(DynamoDbClient dynamo, NamespaceRolesTable table, LookupCaches caches) {
    this.dynamo = dynamo;
    this.table = table;
    this.roles = caches.create();
  }

  /** A user's namespace ids, one page of them, and where the next page starts. */
  public record NamespaceIds(List<String> ids, @Nullable Map<String, AttributeValue> lastKey) {}

  /**
   * The role of {@code userId} in the namespace, if any: as this instance last read it, at most
   * {@link io.brmh.platform.security.LookupCaching#ttl()} ago.
   */
  public Optional<NamespaceRole> roleOf(String namespaceId, String userId) {
    return roles.get(
        List.of(namespaceId, userId),
        key -> get(namespaceId, userId).map(item -> NamespaceRole.valueOf(item.get(ROLE).s())));
  }

  public List<NamespaceMember> members(String namespaceId) {
    List<NamespaceMember> members = new ArrayList<>();
    dynamo
        .queryPaginator(
            b ->
                b.tableName(table.name())
                    .consistentRead(true)
                    .keyConditionExpression("#ns = :ns")
                    .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                    .expressionAttributeValues(Map.of(":ns", AttributeValue.fromS(namespaceId))))
        .items()
        .forEach(item -> members.add(member(item)));
    return members;
  }

  /** One page of the ids of the namespaces {@code userId} holds a role in. */
  public NamespaceIds namespacesOf(
      String userId, int limit, @Nullable Map<String, AttributeValue> startAfter) {
    QueryResponse page =
        PageTokens.startingAt(
            startAfter,
            () ->
                dynamo.query(
                    b ->
                        b.tableName(table.name())
                            .indexName(BY_MEMBER)
                            .keyConditionExpression("#member = :member")
                            .expressionAttributeNames(Map.of("#member", MEMBER))
                            .expressionAttributeValues(
                                Map.of(":member", AttributeValue.fromS(userId)))
                            .limit(limit)
                            .exclusiveStartKey(startAfter)));
    return new NamespaceIds(
        page.items().stream().map(item -> item.get(NAMESPACE_ID).s()).toList(),
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? page.lastEvaluatedKey()
            : null);
  }

  /** Gives {@code member} its role in an existing namespace, replacing any earlier one. */
  public void grant(String namespaceId, NamespaceMember member) {
    dynamo.putItem(b -> b.tableName(table.name()).item(item(namespaceId, member)));
    forget(namespaceId, member.userId());
  }

  /** The write of {@link #grant}, for a transaction that creates the namespace too. */
  public TransactWriteItem grantWrite(String namespaceId, NamespaceMember member) {
    return TransactWriteItem.builder()
        .put(put -> put.tableName(table.name()).item(item(namespaceId, member)))
        .build();
  }

  /** Drops this instance's memory of a role that was just written. */
  public void forget(String namespaceId, String userId) {
    roles.invalidate(List.of(namespaceId, userId));
  }

  /**
   * @return false when the user was no member
   */
  public boolean remove(String namespaceId, String userId) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(key(namespaceId, userId))
                  .conditionExpression("attribute_exists(#member)")
                  .expressionAttributeNames(Map.of("#member", MEMBER)));
      forget(namespaceId, userId);
      return true;
    } catch (ConditionalCheckFailedException notThere) {
      return false;
    }
  }

  private Optional<Map<String, AttributeValue>> get(String namespaceId, String member) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b -> b.tableName(table.name()).key(key(namespaceId, member)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  private static Map<String, AttributeValue> key(String namespaceId, String member) {
    return Map.of(
        NAMESPACE_ID, AttributeValue.fromS(namespaceId), MEMBER, AttributeValue.fromS(member));
  }

  private static NamespaceMember member(Map<String, AttributeValue> item) {
    return new NamespaceMember(
        item.get(MEMBER).s(),
        item.get(EMAIL).s(),
        NamespaceRole.valueOf(item.get(ROLE).s()),
        item.get(GRANTED_BY).s(),
        Instant.parse(item.get(GRANTED_AT).s()));
  }

  private static Map<String, AttributeValue> item(String namespaceId, NamespaceMember member) {
    return Map.of(
        NAMESPACE_ID,
        AttributeValue.fromS(namespaceId),
        MEMBER,
        AttributeValue.fromS(member.userId()),
        ROLE,
        AttributeValue.fromS(member.role().name()),
        EMAIL,
        AttributeValue.fromS(member.email()),
        GRANTED_BY,
        AttributeValue.fromS(member.grantedBy()),
        GRANTED_AT,
        AttributeValue.fromS(member.grantedAt().toString()));
  }
}
