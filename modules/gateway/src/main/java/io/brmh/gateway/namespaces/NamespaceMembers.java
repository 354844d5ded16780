package io.brmh.gateway.namespaces;

import static io.brmh.gateway.namespaces.NamespaceMembersTable.EMAIL;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.GRANTED_AT;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.GRANTED_BY;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.MEMBER;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.NAMESPACE;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.NAMESPACE_ITEM;
import static io.brmh.gateway.namespaces.NamespaceMembersTable.ROLE;

import com.github.benmanes.caffeine.cache.Cache;
import io.brmh.gateway.auth.LookupCaches;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Namespaces and their members in DynamoDB. */
@Singleton
public class NamespaceMembers {
  private final DynamoDbClient dynamo;
  private final NamespaceMembersTable table;

  /** Roles by namespace and user, as every request to a namespace looks them up. */
  private final Cache<List<String>, Optional<NamespaceRole>> roles;

  NamespaceMembers(DynamoDbClient dynamo, NamespaceMembersTable table, LookupCaches caches) {
    this.dynamo = dynamo;
    this.table = table;
    this.roles = caches.create();
  }

  /** Creates the namespace with its first owner; false when it exists already. */
  public boolean create(String namespace, String ownerId, String ownerEmail) {
    Map<String, AttributeValue> marker =
        Map.of(
            NAMESPACE,
            AttributeValue.fromS(namespace),
            MEMBER,
            AttributeValue.fromS(NAMESPACE_ITEM),
            GRANTED_BY,
            AttributeValue.fromS(ownerId),
            GRANTED_AT,
            AttributeValue.fromS(Instant.now().toString()));
    try {
      dynamo.transactWriteItems(
          b ->
              b.transactItems(
                  TransactWriteItem.builder()
                      .put(
                          Put.builder()
                              .tableName(table.name())
                              .item(marker)
                              .conditionExpression("attribute_not_exists(#member)")
                              .expressionAttributeNames(Map.of("#member", MEMBER))
                              .build())
                      .build(),
                  TransactWriteItem.builder()
                      .put(
                          Put.builder()
                              .tableName(table.name())
                              .item(
                                  item(
                                      namespace,
                                      new NamespaceMember(
                                          ownerId,
                                          ownerEmail,
                                          NamespaceRole.OWNER,
                                          ownerId,
                                          Instant.now())))
                              .build())
                      .build()));
      roles.invalidate(List.of(namespace, ownerId));
      return true;
    } catch (TransactionCanceledException exists) {
      return false;
    }
  }

  boolean exists(String namespace) {
    return get(namespace, NAMESPACE_ITEM).isPresent();
  }

  /**
   * The role of {@code userId} in the namespace, if any: as this instance last read it, at most
   * {@link io.brmh.gateway.auth.LookupCaching#ttl()} ago.
   */
  public Optional<NamespaceRole> roleOf(String namespace, String userId) {
    return roles.get(
        List.of(namespace, userId),
        key -> get(namespace, userId).map(item -> NamespaceRole.valueOf(item.get(ROLE).s())));
  }

  List<NamespaceMember> members(String namespace) {
    List<NamespaceMember> members = new ArrayList<>();
    dynamo
        .queryPaginator(
            b ->
                b.tableName(table.name())
                    .consistentRead(true)
                    .keyConditionExpression("#ns = :ns")
                    .expressionAttributeNames(Map.of("#ns", NAMESPACE))
                    .expressionAttributeValues(Map.of(":ns", AttributeValue.fromS(namespace))))
        .items()
        .forEach(
            item -> {
              if (!item.get(MEMBER).s().equals(NAMESPACE_ITEM)) {
                members.add(
                    new NamespaceMember(
                        item.get(MEMBER).s(),
                        item.get(EMAIL).s(),
                        NamespaceRole.valueOf(item.get(ROLE).s()),
                        item.get(GRANTED_BY).s(),
                        Instant.parse(item.get(GRANTED_AT).s())));
              }
            });
    return members;
  }

  /** Gives {@code member} its role in an existing namespace, replacing any earlier one. */
  public void grant(String namespace, NamespaceMember member) {
    dynamo.putItem(b -> b.tableName(table.name()).item(item(namespace, member)));
    roles.invalidate(List.of(namespace, member.userId()));
  }

  /**
   * @return false when the user was no member
   */
  boolean remove(String namespace, String userId) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(key(namespace, userId))
                  .conditionExpression("attribute_exists(#member)")
                  .expressionAttributeNames(Map.of("#member", MEMBER)));
      roles.invalidate(List.of(namespace, userId));
      return true;
    } catch (ConditionalCheckFailedException notThere) {
      return false;
    }
  }

  private Optional<Map<String, AttributeValue>> get(String namespace, String member) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b -> b.tableName(table.name()).key(key(namespace, member)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  private static Map<String, AttributeValue> key(String namespace, String member) {
    return Map.of(NAMESPACE, AttributeValue.fromS(namespace), MEMBER, AttributeValue.fromS(member));
  }

  private static Map<String, AttributeValue> item(String namespace, NamespaceMember member) {
    return Map.of(
        NAMESPACE,
        AttributeValue.fromS(namespace),
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
