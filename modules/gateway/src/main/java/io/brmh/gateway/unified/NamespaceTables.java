package io.brmh.gateway.unified;

import static io.brmh.gateway.unified.NamespaceTablesTable.ACCOUNT_ID;
import static io.brmh.gateway.unified.NamespaceTablesTable.CREATED_AT;
import static io.brmh.gateway.unified.NamespaceTablesTable.CREATED_BY;
import static io.brmh.gateway.unified.NamespaceTablesTable.METHOD_NAME;
import static io.brmh.gateway.unified.NamespaceTablesTable.NAMESPACE_ID;
import static io.brmh.gateway.unified.NamespaceTablesTable.SCHEMA_ID;
import static io.brmh.gateway.unified.NamespaceTablesTable.STATUS;
import static io.brmh.gateway.unified.NamespaceTablesTable.TABLE_NAME;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The data tables of namespaces. A table is made for a method with its stream on (so caches and
 * indexes can follow it) and recorded as the namespace's before it exists: a name another namespace
 * holds is refused, and so is a table that exists already without belonging to any namespace, so no
 * caller reaches a table of the account by naming it (BRMH's own tables least of all).
 */
@Singleton
class NamespaceTables {
  private final DynamoDbClient dynamo;
  private final NamespaceTablesTable table;
  private final InternalTables internal;

  NamespaceTables(DynamoDbClient dynamo, NamespaceTablesTable table, InternalTables internal) {
    this.dynamo = dynamo;
    this.table = table;
    this.internal = internal;
  }

  /** A recorded table. */
  record NamespaceTable(
      String tableName,
      String namespaceId,
      String schemaId,
      String accountId,
      String methodName,
      String status) {}

  /**
   * The original's name of a method's table, {@code <namespace>-<account>-<method>} in lower case
   * with spaces (and anything else a table name cannot hold) as {@code -}.
   */
  static String defaultName(String namespace, String account, String method) {
    return (namespace + "-" + account + "-" + method)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_.-]", "-");
  }

  /**
   * Records the table for the namespace and makes it, with its stream on; doing it again for the
   * same namespace is harmless.
   *
   * @return the table's DynamoDB status ({@code CREATING}, then {@code ACTIVE})
   * @throws ProblemException 400 for a name DynamoDB refuses, 403 for one of BRMH's tables, 409
   *     when another namespace holds the name or the table exists outside every namespace
   */
  String create(NamespaceTable wanted, String callerId) {
    String name = wanted.tableName();
    if (!CacheNames.isValidTable(name)) {
      throw ProblemException.invalidField("tableName", CacheNames.TABLE_MESSAGE);
    }
    if (internal.isInternal(name)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "internal-table",
          "Table names starting with "
              + InternalTables.RESERVED_PREFIX
              + " are BRMH's own; choose another tableName.");
    }
    boolean claimedNow = claim(wanted, callerId);
    try {
      return dynamo
          .createTable(
              b ->
                  b.tableName(name)
                      .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                      .attributeDefinitions(
                          attribute ->
                              attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .streamSpecification(
                          stream ->
                              stream
                                  .streamEnabled(true)
                                  .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
          .tableDescription()
          .tableStatusAsString();
    } catch (ResourceInUseException exists) {
      if (claimedNow) {
        release(wanted);
        throw new ProblemException(
            HttpStatus.CONFLICT,
            "table-exists",
            "Table "
                + name
                + " exists and belongs to no namespace; choose another tableName, or ask an"
                + " administrator to attach it.");
      }
      return describe(name).map(TableDescription::tableStatusAsString).orElse("CREATING");
    }
  }

  /** The recorded table of this name, if a namespace holds it. */
  Optional<NamespaceTable> find(String name) {
    if (!CacheNames.isValidTable(name)) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(TABLE_NAME, AttributeValue.fromS(name)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new NamespaceTable(
                item.get(TABLE_NAME).s(),
                item.get(NAMESPACE_ID).s(),
                item.get(SCHEMA_ID).s(),
                item.get(ACCOUNT_ID).s(),
                item.get(METHOD_NAME).s(),
                item.get(STATUS).s()));
  }

  /** What DynamoDB says of a table, if it exists. */
  Optional<TableDescription> describe(String name) {
    try {
      return Optional.of(dynamo.describeTable(b -> b.tableName(name)).table());
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
  }

  /**
   * @return whether this call recorded the table (false: the namespace had it already)
   */
  private boolean claim(NamespaceTable wanted, String callerId) {
    try {
      PutItemResponse put =
          dynamo.putItem(
              b ->
                  b.tableName(table.name())
                      .item(
                          Map.of(
                              TABLE_NAME, AttributeValue.fromS(wanted.tableName()),
                              NAMESPACE_ID, AttributeValue.fromS(wanted.namespaceId()),
                              SCHEMA_ID, AttributeValue.fromS(wanted.schemaId()),
                              ACCOUNT_ID, AttributeValue.fromS(wanted.accountId()),
                              METHOD_NAME, AttributeValue.fromS(wanted.methodName()),
                              STATUS, AttributeValue.fromS("ACTIVE"),
                              CREATED_BY, AttributeValue.fromS(callerId),
                              CREATED_AT, AttributeValue.fromS(Instant.now().toString())))
                      .conditionExpression("attribute_not_exists(#table) OR #ns = :ns")
                      .expressionAttributeNames(Map.of("#table", TABLE_NAME, "#ns", NAMESPACE_ID))
                      .expressionAttributeValues(
                          Map.of(":ns", AttributeValue.fromS(wanted.namespaceId())))
                      .returnValues(ReturnValue.ALL_OLD));
      return !put.hasAttributes() || put.attributes().isEmpty();
    } catch (ConditionalCheckFailedException taken) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-taken",
          "Table "
              + wanted.tableName()
              + " belongs to another namespace; choose another tableName.");
    }
  }

  private void release(NamespaceTable wanted) {
    dynamo.deleteItem(
        b ->
            b.tableName(table.name())
                .key(Map.of(TABLE_NAME, AttributeValue.fromS(wanted.tableName())))
                .conditionExpression("#ns = :ns")
                .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                .expressionAttributeValues(
                    Map.of(":ns", AttributeValue.fromS(wanted.namespaceId()))));
  }
}
