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
import io.brmh.platform.dynamodb.DynamoDbFailures;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.streams.StreamSwitch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
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

  /** How far the clocks of BRMH and DynamoDB may differ, for {@link #madeSince}. */
  private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

  /**
   * The age at which a pending claim is taken for abandoned: far beyond the seconds between a claim
   * and its table's creation, and beyond a worker's restart after a crash.
   */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

  private final DynamoDbClient dynamo;
  private final NamespaceTablesTable table;
  private final InternalTables internal;
  private final PageTokens tokens;
  private final StreamSwitch streams;

  public NamespaceTables(
      DynamoDbClient dynamo,
      NamespaceTablesTable table,
      InternalTables internal,
      PageTokens tokens,
      StreamSwitch streams) {
    this.tokens = tokens;
    this.streams = streams;
    this.dynamo = dynamo;
    this.table = table;
    this.internal = internal;
  }

  /**
   * A recorded table.
   *
   * @param schemaId the schema of the method the table holds data of; null for a table made or
   *     attached without a method
   * @param accountId the account of that method, or null
   * @param methodName that method, or null
   * @param status {@code PENDING} while it is being made, then {@code ACTIVE}
   */
  @Serdeable
  public record NamespaceTable(
      String tableName,
      String namespaceId,
      @Nullable String schemaId,
      @Nullable String accountId,
      @Nullable String methodName,
      String status) {}

  /** A page of recorded tables and the token of the next. */
  public record TablePage(List<NamespaceTable> tables, @Nullable String nextPageToken) {}

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
    return create(wanted, callerId, UUID.randomUUID().toString());
  }

  /**
   * As {@link #create(NamespaceTable, String)}, for a job that may run again after a crash: its
   * {@code claim} (the same on every run) takes up a pending record it left, and a table made after
   * that record is its own.
   */
  public String create(NamespaceTable wanted, String callerId, String claim) {
    return create(wanted, TableKey.ID, callerId, claim);
  }

  /**
   * A new table of this key for someone who asked for one by name: unlike a method's table, which
   * {@code schema/table} may ask for again, a name the namespace holds already is a conflict.
   *
   * @throws ProblemException 409 when any namespace holds the name, or the table exists
   */
  public String createNew(NamespaceTable wanted, TableKey key, String callerId) {
    if (find(wanted.tableName()).isPresent()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-exists",
          "Table " + wanted.tableName() + " exists already; choose another tableName.");
    }
    return create(wanted, key, callerId, UUID.randomUUID().toString());
  }

  /** As {@link #create(NamespaceTable, String, String)}, for a table of this key. */
  public String create(NamespaceTable wanted, TableKey key, String callerId, String claim) {
    String name = wanted.tableName();
    if (!CacheNames.isValidTable(name)) {
      throw ProblemException.invalidField("tableName", CacheNames.TABLE_MESSAGE);
    }
    requireNotInternal(name);
    Optional<Instant> resumedSince = pendingSince(name, claim);
    if (resumedSince.isEmpty() && !claim(wanted, callerId, claim)) {
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
                          .keySchema(key.schema())
                          .attributeDefinitions(key.definitions())
                          .billingMode(BillingMode.PAY_PER_REQUEST)
                          .streamSpecification(
                              stream ->
                                  stream
                                      .streamEnabled(true)
                                      .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
              .tableDescription()
              .tableStatusAsString();
    } catch (ResourceInUseException exists) {
      if (resumedSince.isPresent() && madeSince(name, resumedSince.get())) {
        activate(wanted, claim); // made by this claim's earlier run, which stopped before this
        return describe(name).map(TableDescription::tableStatusAsString).orElse("CREATING");
      }
      release(wanted, claim);
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-exists",
          "Table "
              + name
              + " exists and belongs to no namespace; choose another tableName, or ask an"
              + " administrator to attach it.");
    } catch (DynamoDbException refused) {
      release(wanted, claim);
      throw DynamoDbFailures.mapped(name, "tableName", refused);
    } catch (RuntimeException failed) {
      release(wanted, claim);
      throw failed;
    }
    activate(wanted, claim);
    return status;
  }

  /**
   * Attaches a table that exists and belongs to no namespace to one, an administrator's act; its
   * stream is turned on if it has none and BRMH may ({@link StreamSwitch}), so caches and indexes
   * can follow it.
   *
   * @throws ProblemException 403 for one of BRMH's tables, 404 when there is no such table, 409
   *     when a namespace holds it already
   */
  public NamespaceTable attach(String name, String namespaceId, String callerId) {
    if (!CacheNames.isValidTable(name)) {
      throw ProblemException.invalidField("tableName", CacheNames.TABLE_MESSAGE);
    }
    requireNotInternal(name);
    TableDescription described =
        describe(name)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "table-not-found",
                        "There is no table " + name + "."));
    // First, so that a table is never attached without the stream its caches follow.
    DynamoDbFailures.mapped(name, "tableName", () -> streams.ensureOn(described));
    NamespaceTable attached = new NamespaceTable(name, namespaceId, null, null, null, ACTIVE);
    Map<String, AttributeValue> item = new HashMap<>(recordItem(attached, callerId));
    try {
      dynamo.putItem(
          b ->
              b.tableName(table.name())
                  .item(item)
                  .conditionExpression("attribute_not_exists(#table)")
                  .expressionAttributeNames(Map.of("#table", TABLE_NAME)));
    } catch (ConditionalCheckFailedException taken) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-taken",
          "Table " + name + " belongs to a namespace already, or is being made; detach it first.");
    }
    return attached;
  }

  /**
   * The recorded tables, pending ones included, a page at a time: of one namespace from the index
   * by namespace, in name order (a table recorded a moment ago may show a moment later); of all
   * (null, for administrators) in no particular order.
   */
  public TablePage page(@Nullable String namespaceId, int limit, @Nullable String pageToken) {
    if (namespaceId == null) {
      Map<String, AttributeValue> start = tokens.decode(pageToken, Set.of(TABLE_NAME));
      ScanResponse scanned =
          PageTokens.startingAt(
              start,
              () ->
                  dynamo.scan(
                      b ->
                          b.tableName(table.name())
                              .consistentRead(true)
                              .limit(limit)
                              .exclusiveStartKey(start)));
      return page(
          scanned.items(), scanned.hasLastEvaluatedKey() ? scanned.lastEvaluatedKey() : null);
    }
    Map<String, AttributeValue> start = tokens.decode(pageToken, Set.of(TABLE_NAME, NAMESPACE_ID));
    QueryResponse queried =
        PageTokens.startingAt(
            start,
            () ->
                dynamo.query(
                    b ->
                        b.tableName(table.name())
                            .indexName(NamespaceTablesTable.NAMESPACE_INDEX)
                            .keyConditionExpression("#ns = :ns")
                            .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                            .expressionAttributeValues(
                                Map.of(":ns", AttributeValue.fromS(namespaceId)))
                            .limit(limit)
                            .exclusiveStartKey(start)));
    return page(queried.items(), queried.hasLastEvaluatedKey() ? queried.lastEvaluatedKey() : null);
  }

  private TablePage page(
      List<Map<String, AttributeValue>> items, @Nullable Map<String, AttributeValue> last) {
    List<NamespaceTable> found = items.stream().map(NamespaceTables::record).toList();
    return new TablePage(found, last == null || last.isEmpty() ? null : tokens.encode(last));
  }

  /**
   * Drops a table of the account, an administrator's act: one of a namespace leaves it too.
   *
   * @throws ProblemException 403 for one of BRMH's tables, 404 when there is no such table
   */
  public void drop(String name) {
    requireDroppable(name);
    Optional<NamespaceTable> recorded = find(name);
    if (recorded.isPresent()) {
      DynamoDbFailures.mapped(
          name,
          "tableName",
          () -> {
            remove(recorded.get(), true);
            return null;
          });
      return;
    }
    DynamoDbFailures.mapped(name, "tableName", () -> dynamo.deleteTable(b -> b.tableName(name)));
  }

  /**
   * Checks what {@link #drop} checks, before anything is done.
   *
   * @throws ProblemException 400 for a name no table can have, 403 for one of BRMH's tables, 409
   *     for a table a namespace's claim is making
   */
  public void requireDroppable(String name) {
    if (!CacheNames.isValidTable(name)) {
      throw ProblemException.invalidField("tableName", CacheNames.TABLE_MESSAGE);
    }
    requireNotInternal(name);
    if (isPending(name)) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-busy",
          "Table " + name + " is being made for a namespace; drop it once it is made.");
    }
  }

  /** Whether a live claim of a namespace on the name is pending: its table is being made. */
  private boolean isPending(String name) {
    Map<String, AttributeValue> item = recordOf(name);
    return item != null && PENDING.equals(text(item, STATUS)) && !isAbandoned(item);
  }

  /** The record of the name, pending or active, read consistently; null or empty without one. */
  private Map<String, AttributeValue> recordOf(String name) {
    return dynamo
        .getItem(
            b ->
                b.tableName(table.name())
                    .key(Map.of(TABLE_NAME, AttributeValue.fromS(name)))
                    .consistentRead(true))
        .item();
  }

  /**
   * Tables of the account that belong to no namespace and are not BRMH's, a page of DynamoDB's
   * listing at a time (a page may hold fewer than {@code limit}, or none, and still have a next).
   *
   * @param after the last name of the page before, or null for the first
   */
  public TableNames unattached(int limit, @Nullable String after) {
    var listed = dynamo.listTables(b -> b.limit(limit).exclusiveStartTableName(after));
    List<String> names =
        listed.tableNames().stream()
            .filter(name -> !internal.isInternal(name) && find(name).isEmpty())
            .toList();
    return new TableNames(names, listed.lastEvaluatedTableName());
  }

  /**
   * What DynamoDB says of a table: its status, its item count (refreshed by DynamoDB about every
   * six hours) and whether its stream is on.
   */
  public record TableState(String status, @Nullable Long itemCount, boolean streamEnabled) {}

  /** DynamoDB's state of the table, if it exists. */
  public Optional<TableState> state(String name) {
    return describe(name)
        .map(
            described ->
                new TableState(
                    described.tableStatusAsString(),
                    described.itemCount(),
                    StreamSwitch.isOn(described)));
  }

  /** Names of tables, and where the next page starts. */
  public record TableNames(List<String> tableNames, @Nullable String after) {}

  /** The recorded table of this name, if a namespace holds it. */
  public Optional<NamespaceTable> find(String name) {
    if (!CacheNames.isValidTable(name)) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = recordOf(name);
    // A pending record is a table being made, perhaps one that exists outside every namespace
    // and is about to be refused: it belongs to nobody yet.
    return item == null || item.isEmpty() || !ACTIVE.equals(item.get(STATUS).s())
        ? Optional.empty()
        : Optional.of(record(item));
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
    Map<String, AttributeValue> pending = new HashMap<>(recordItem(wanted, callerId));
    pending.put(STATUS, AttributeValue.fromS(PENDING));
    pending.put(CLAIM, AttributeValue.fromS(claim));
    try {
      dynamo.putItem(
          b ->
              b.tableName(table.name())
                  .item(pending)
                  .conditionExpression("attribute_not_exists(#table)")
                  .expressionAttributeNames(Map.of("#table", TABLE_NAME)));
      return true;
    } catch (ConditionalCheckFailedException taken) {
      if (takeOverAbandoned(wanted.tableName(), pending)) {
        return true;
      }
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "table-taken",
          "Table "
              + wanted.tableName()
              + " belongs to another namespace, or is being made; choose another tableName or try"
              + " again.");
    }
  }

  /**
   * A claim whose request died before it made its table or gave it up (a crash, a killed instance)
   * would hold the name for good: once it is {@link #ABANDONED_AFTER} old, a new claim replaces it,
   * unless another took it over first. A table the dead request made is then found to exist and is
   * refused as one of no namespace, for an administrator to attach.
   */
  private boolean takeOverAbandoned(String name, Map<String, AttributeValue> pending) {
    Map<String, AttributeValue> held = recordOf(name);
    if (held == null || !isAbandoned(held)) {
      return false;
    }
    try {
      dynamo.putItem(
          b ->
              b.tableName(table.name())
                  .item(pending)
                  .conditionExpression("#status = :pending AND #created = :created")
                  .expressionAttributeNames(Map.of("#status", STATUS, "#created", CREATED_AT))
                  .expressionAttributeValues(
                      Map.of(
                          ":pending",
                          AttributeValue.fromS(PENDING),
                          ":created",
                          held.get(CREATED_AT))));
      return true;
    } catch (ConditionalCheckFailedException takenMeanwhile) {
      return false;
    }
  }

  private static boolean isAbandoned(Map<String, AttributeValue> record) {
    String created = text(record, CREATED_AT);
    return PENDING.equals(text(record, STATUS))
        && created != null
        && Instant.parse(created).isBefore(Instant.now().minus(ABANDONED_AFTER));
  }

  /** When the pending record of this claim was written, if there is one. */
  private Optional<Instant> pendingSince(String name, String claim) {
    Map<String, AttributeValue> item = recordOf(name);
    if (item == null
        || !PENDING.equals(text(item, STATUS))
        || !claim.equals(text(item, CLAIM))
        || text(item, CREATED_AT) == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(text(item, CREATED_AT)));
  }

  /**
   * Whether the table was made after the claim was recorded (less a margin for clocks): BRMH makes
   * no table without a claim, so such a table is the claim's own.
   */
  private boolean madeSince(String name, Instant claimed) {
    return describe(name)
        .map(TableDescription::creationDateTime)
        .filter(created -> !created.isBefore(claimed.minus(CLOCK_MARGIN)))
        .isPresent();
  }

  /**
   * Every table recorded for the namespace, pending ones included, read consistently (so not from
   * the index), for the jobs that delete or copy the namespace.
   */
  public List<NamespaceTable> listOf(String namespaceId) {
    List<NamespaceTable> found = new ArrayList<>();
    dynamo
        .scanPaginator(
            b ->
                b.tableName(table.name())
                    .consistentRead(true)
                    .filterExpression("#ns = :ns")
                    .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                    .expressionAttributeValues(Map.of(":ns", AttributeValue.fromS(namespaceId))))
        .items()
        .forEach(item -> found.add(record(item)));
    return found;
  }

  /**
   * The table leaves its namespace: its record goes, and when {@code dropTable}, the table too.
   * Doing it again is harmless.
   */
  public void remove(NamespaceTable recorded, boolean dropTable) {
    if (dropTable) {
      try {
        dynamo.deleteTable(b -> b.tableName(recorded.tableName()));
      } catch (ResourceNotFoundException gone) {
        // dropped by an earlier run
      }
    }
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(TABLE_NAME, AttributeValue.fromS(recorded.tableName())))
                  .conditionExpression("#ns = :ns")
                  .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                  .expressionAttributeValues(
                      Map.of(":ns", AttributeValue.fromS(recorded.namespaceId()))));
    } catch (ConditionalCheckFailedException goneOrOthers) {
      // removed by an earlier run
    }
  }

  /** The item recording a table, its status as the record's; absent fields left out. */
  private static Map<String, AttributeValue> recordItem(NamespaceTable recorded, String callerId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TABLE_NAME, AttributeValue.fromS(recorded.tableName()));
    item.put(NAMESPACE_ID, AttributeValue.fromS(recorded.namespaceId()));
    if (recorded.schemaId() != null) {
      item.put(SCHEMA_ID, AttributeValue.fromS(recorded.schemaId()));
    }
    if (recorded.accountId() != null) {
      item.put(ACCOUNT_ID, AttributeValue.fromS(recorded.accountId()));
    }
    if (recorded.methodName() != null) {
      item.put(METHOD_NAME, AttributeValue.fromS(recorded.methodName()));
    }
    if (recorded.status() != null) {
      item.put(STATUS, AttributeValue.fromS(recorded.status()));
    }
    item.put(CREATED_BY, AttributeValue.fromS(callerId));
    item.put(CREATED_AT, AttributeValue.fromS(Instant.now().toString()));
    return item;
  }

  /**
   * @throws ProblemException 403 for a name of BRMH's own tables
   */
  private void requireNotInternal(String name) {
    if (internal.isInternal(name)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "internal-table",
          "Table names starting with "
              + InternalTables.RESERVED_PREFIX
              + " are BRMH's own; choose another tableName.");
    }
  }

  private static NamespaceTable record(Map<String, AttributeValue> item) {
    return new NamespaceTable(
        text(item, TABLE_NAME),
        text(item, NAMESPACE_ID),
        text(item, SCHEMA_ID),
        text(item, ACCOUNT_ID),
        text(item, METHOD_NAME),
        text(item, STATUS));
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
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
