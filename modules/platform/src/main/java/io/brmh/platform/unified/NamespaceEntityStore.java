package io.brmh.platform.unified;

import static io.brmh.platform.unified.NamespaceEntitiesTable.BY_NAMESPACE;
import static io.brmh.platform.unified.NamespaceEntitiesTable.CREATED_AT;
import static io.brmh.platform.unified.NamespaceEntitiesTable.DATA;
import static io.brmh.platform.unified.NamespaceEntitiesTable.ID;
import static io.brmh.platform.unified.NamespaceEntitiesTable.KIND;
import static io.brmh.platform.unified.NamespaceEntitiesTable.KIND_ID;
import static io.brmh.platform.unified.NamespaceEntitiesTable.NAMESPACE_ID;
import static io.brmh.platform.unified.NamespaceEntitiesTable.SEALED;
import static io.brmh.platform.unified.NamespaceEntitiesTable.UPDATED_AT;
import static io.brmh.platform.unified.NamespaceEntitiesTable.VERSION;

import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.dynamodb.VersionedItems;
import io.brmh.platform.json.ExactJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Methods, accounts and webhooks in DynamoDB; changes are conditional on the version the caller
 * read.
 */
@Singleton
public class NamespaceEntityStore {
  /** The most JSON one method, account or webhook may hold. */
  public static final int MAX_DATA_BYTES = 256 * 1024;

  private final DynamoDbClient dynamo;
  private final NamespaceEntitiesTable table;
  private final JsonMapper json;
  private final PageTokens tokens;

  public NamespaceEntityStore(
      DynamoDbClient dynamo, NamespaceEntitiesTable table, JsonMapper json, PageTokens tokens) {
    this.dynamo = dynamo;
    this.table = table;
    this.json = json;
    this.tokens = tokens;
  }

  /** A page of a namespace's items of one kind, and the token of the next. */
  public record EntityPage(List<NamespaceEntity> items, @Nullable String nextPageToken) {}

  public void create(NamespaceEntity entity) {
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(item(entity))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID)));
  }

  /** The item of this id and kind: an account's id never finds a method. */
  public Optional<NamespaceEntity> find(EntityKind kind, String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() || !kind.name().equals(item.get(KIND).s())
        ? Optional.empty()
        : Optional.of(entity(item));
  }

  public EntityPage list(
      EntityKind kind, String namespaceId, int limit, @Nullable String pageToken) {
    return list(kind, namespaceId, limit, pageToken, null, null);
  }

  /**
   * A page of the items whose data field {@code field} (one of {@link
   * NamespaceEntitiesTable#FILTERABLE}) equals {@code value}; a page may hold fewer than {@code
   * limit} and still have a next one.
   */
  public EntityPage list(
      EntityKind kind,
      String namespaceId,
      int limit,
      @Nullable String pageToken,
      @Nullable String field,
      @Nullable String value) {
    Map<String, AttributeValue> start = tokens.decode(pageToken, Set.of(ID, NAMESPACE_ID, KIND_ID));
    if (start != null
        && (!namespaceId.equals(start.get(NAMESPACE_ID).s())
            || !String.valueOf(start.get(KIND_ID).s()).startsWith(kind.name() + "#"))) {
      throw PageTokens.invalid(); // another listing's position
    }
    QueryResponse page =
        PageTokens.startingAt(
            start,
            () ->
                dynamo.query(
                    b ->
                        b.tableName(table.name())
                            .indexName(BY_NAMESPACE)
                            .keyConditionExpression("#ns = :ns AND begins_with(#kindId, :kind)")
                            .expressionAttributeNames(
                                Map.of("#ns", NAMESPACE_ID, "#kindId", KIND_ID))
                            .expressionAttributeValues(
                                Map.of(
                                    ":ns",
                                    AttributeValue.fromS(namespaceId),
                                    ":kind",
                                    AttributeValue.fromS(kind.name() + "#")))
                            .limit(limit)
                            .exclusiveStartKey(start)
                            .applyMutation(
                                query -> {
                                  if (field != null) {
                                    query
                                        .filterExpression("#filter = :filter")
                                        .expressionAttributeNames(
                                            Map.of(
                                                "#ns",
                                                NAMESPACE_ID,
                                                "#kindId",
                                                KIND_ID,
                                                "#filter",
                                                NamespaceEntitiesTable.FILTER_PREFIX + field))
                                        .expressionAttributeValues(
                                            Map.of(
                                                ":ns",
                                                AttributeValue.fromS(namespaceId),
                                                ":kind",
                                                AttributeValue.fromS(kind.name() + "#"),
                                                ":filter",
                                                AttributeValue.fromS(value)));
                                  }
                                })));
    return new EntityPage(
        page.items().stream().map(this::entity).toList(),
        page.hasLastEvaluatedKey() ? tokens.encode(page.lastEvaluatedKey()) : null);
  }

  /**
   * @return false when the item is at another version than {@code expectedVersion}, or gone
   */
  public boolean replace(NamespaceEntity next, long expectedVersion) {
    return VersionedItems.putAtVersion(dynamo, table.name(), item(next), VERSION, expectedVersion);
  }

  /**
   * @return false when there was none of this kind
   */
  public boolean delete(EntityKind kind, String id) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(ID, AttributeValue.fromS(id)))
                  .conditionExpression("#kind = :kind")
                  .expressionAttributeNames(Map.of("#kind", KIND))
                  .expressionAttributeValues(Map.of(":kind", AttributeValue.fromS(kind.name()))));
      return true;
    } catch (ConditionalCheckFailedException gone) {
      return false;
    }
  }

  private Map<String, AttributeValue> item(NamespaceEntity entity) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, AttributeValue.fromS(entity.id()));
    item.put(KIND, AttributeValue.fromS(entity.kind().name()));
    item.put(NAMESPACE_ID, AttributeValue.fromS(entity.namespaceId()));
    item.put(KIND_ID, AttributeValue.fromS(entity.kind().name() + "#" + entity.id()));
    String data;
    try {
      data = json.writeValueAsString(entity.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // DynamoDB holds items of up to 400 KB; the sealed values and bookkeeping need room beside.
    if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
      throw io.brmh.platform.problem.ProblemException.invalidField(
          "body", "is more than " + MAX_DATA_BYTES + " bytes of JSON once stored");
    }
    item.put(DATA, AttributeValue.fromS(data));
    for (String field : NamespaceEntitiesTable.FILTERABLE) {
      if (entity.data().get(field) instanceof String text) {
        item.put(NamespaceEntitiesTable.FILTER_PREFIX + field, AttributeValue.fromS(text));
      }
    }
    if (!entity.sealed().isEmpty()) {
      Map<String, AttributeValue> sealed = new HashMap<>();
      entity.sealed().forEach((place, value) -> sealed.put(place, AttributeValue.fromS(value)));
      item.put(SEALED, AttributeValue.fromM(sealed));
    }
    item.put(VERSION, AttributeValue.fromN(Long.toString(entity.version())));
    item.put(CREATED_AT, AttributeValue.fromS(entity.createdAt().toString()));
    item.put(UPDATED_AT, AttributeValue.fromS(entity.updatedAt().toString()));
    return item;
  }

  @SuppressWarnings("unchecked")
  private NamespaceEntity entity(Map<String, AttributeValue> item) {
    Map<String, String> sealed = new LinkedHashMap<>();
    if (item.containsKey(SEALED)) {
      item.get(SEALED).m().forEach((place, value) -> sealed.put(place, value.s()));
    }
    try {
      return new NamespaceEntity(
          item.get(ID).s(),
          EntityKind.valueOf(item.get(KIND).s()),
          item.get(NAMESPACE_ID).s(),
          (Map<String, Object>) ExactJson.readPlain(item.get(DATA).s()),
          sealed,
          Long.parseLong(item.get(VERSION).n()),
          Instant.parse(item.get(CREATED_AT).s()),
          Instant.parse(item.get(UPDATED_AT).s()));
    } catch (IOException e) {
      throw new UncheckedIOException("item " + item.get(ID).s() + " holds no JSON", e);
    }
  }
}
