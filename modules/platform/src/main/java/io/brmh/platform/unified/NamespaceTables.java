package io.brmh.platform.unified;

import static io.brmh.platform.unified.NamespaceTablesTable.ACCOUNT_ID;
import static io.brmh.platform.unified.NamespaceTablesTable.CREATED_AT;
import static io.brmh.platform.unified.NamespaceTablesTable.CREATED_BY;
import static io.brmh.platform.unified.NamespaceTablesTable.METHOD_NAME;
import static io.brmh.platform.unified.NamespaceTablesTable.NAMESPACE_ID;
import static io.brmh.platform.unified.NamespaceTablesTable.SCHEMA_ID;
import static io.brmh.platform.unified.NamespaceTablesTable.STATUS;
import static io.brmh.platform.unified.NamespaceTablesTable.TABLE_NAME;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
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
public class NamespaceTables {
  private static final String PENDING = "PENDING";
  private static final String ACTIVE = "ACTIVE";

  /** In a pending record: the request making the table, so that only it activates or drops it. */
  private static final String CLAIM = "claim";

  private final DynamoDbClient dynamo;
  private final NamespaceTablesTable table;
  private final InternalTables internal;

  public NamespaceTables(
      DynamoDbClient dynamo, NamespaceTablesTable table, InternalTables internal) {
    this.dynamo = dynamo;
    this.table = table;
    this.internal = internal;
  }

  /** A recorded table. */
  public record NamespaceTable(
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
  public static String defaultName(String namespace, String account, String method) {
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
  public String create(NamespaceTable wanted, String callerId) {
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
    String claim = UUID.randomUUID().toString();
    if (!claim(wanted, callerId, claim)) {
      // The namespace holds the name already: making the table again is harmless.
      return describe(name).map(TableDescription::tableStatusAsString).orElse("CREATING");
    }
    String status;
    try {
      status =
          dynamo
              .createTable(
                  b ->
                      b.tableName(name)
                          .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                          .attributeDefinitions(
                              attribute ->
                                  attribute
                                      .attributeName("id")
                                      .attributeType(ScalarAttributeType.S))
                          .billingMode(BillingMode.PAY_PER_REQUEST)
                          .streamSpecification(
                              stream ->
                                  stream
                                      .streamEnabled(true)
                                      .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
              .tableDescription()
              .tableStatusAsString();
    } catch (ResourceInUseException exists) {
      release(wanted, claim);
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-exists",
          "Table "
              + name
              + " exists and belongs to no namespace; choose another tableName, or ask an"
              + " administrator to attach it.");
    } catch (RuntimeException failed) {
      release(wanted, claim);
      throw failed;
    }
    activate(wanted, claim);
    return status;
  }

  /** The recorded table of this name, if a namespace holds it. */
  public Optional<NamespaceTable> find(String name) {
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
    // A pending record is a table being made, perhaps one that exists outside every namespace
    // and is about to be refused: it belongs to nobody yet.
    return item == null || item.isEmpty() || !ACTIVE.equals(item.get(STATUS).s())
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

  /** Whether DynamoDB has a table of this name. */
  public boolean exists(String name) {
    return describe(name).isPresent();
  }

  /** DynamoDB's item count of a table (refreshed about every six hours), if it exists. */
  public Optional<Long> itemCount(String name) {
    return describe(name).map(table -> table.itemCount() == null ? 0L : table.itemCount());
  }

  /** What DynamoDB says of a table, if it exists. */
  public Optional<TableDescription> describe(String name) {
    try {
      return Optional.of(dynamo.describeTable(b -> b.tableName(name)).table());
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
  }

  /**
   * Records the table as the namespace's, pending until it exists.
   *
   * @return false when the namespace holds the name already (an active record)
   * @throws ProblemException 409 when another namespace holds it, or another request is making it
   *     right now
   */
  private boolean claim(NamespaceTable wanted, String callerId, String claim) {
    Optional<NamespaceTable> held = find(wanted.tableName());
    if (held.isPresent() && held.get().namespaceId().equals(wanted.namespaceId())) {
      return false;
    }
    try {
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
                          STATUS, AttributeValue.fromS(PENDING),
                          CLAIM, AttributeValue.fromS(claim),
                          CREATED_BY, AttributeValue.fromS(callerId),
                          CREATED_AT, AttributeValue.fromS(Instant.now().toString())))
                  .conditionExpression("attribute_not_exists(#table)")
                  .expressionAttributeNames(Map.of("#table", TABLE_NAME)));
      return true;
    } catch (ConditionalCheckFailedException taken) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-taken",
          "Table "
              + wanted.tableName()
              + " belongs to another namespace, or is being made; choose another tableName or try"
              + " again.");
    }
  }

  /** The table exists now: the record becomes active, and the table the namespace's. */
  private void activate(NamespaceTable wanted, String claim) {
    dynamo.updateItem(
        b ->
            b.tableName(table.name())
                .key(Map.of(TABLE_NAME, AttributeValue.fromS(wanted.tableName())))
                .updateExpression("SET #status = :active REMOVE #claim")
                .conditionExpression("#claim = :claim")
                .expressionAttributeNames(Map.of("#status", STATUS, "#claim", CLAIM))
                .expressionAttributeValues(
                    Map.of(
                        ":active",
                        AttributeValue.fromS(ACTIVE),
                        ":claim",
                        AttributeValue.fromS(claim))));
  }

  /** Drops this request's pending record, and nothing another request wrote. */
  private void release(NamespaceTable wanted, String claim) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(TABLE_NAME, AttributeValue.fromS(wanted.tableName())))
                  .conditionExpression("#claim = :claim")
                  .expressionAttributeNames(Map.of("#claim", CLAIM))
                  .expressionAttributeValues(Map.of(":claim", AttributeValue.fromS(claim))));
    } catch (ConditionalCheckFailedException notOurs) {
      // already gone, or another request's record
    }
  }
}
