package io.brmh.platform.namespaces;

import static io.brmh.platform.namespaces.NamespacesTable.CREATED_AT;
import static io.brmh.platform.namespaces.NamespacesTable.CREATED_BY;
import static io.brmh.platform.namespaces.NamespacesTable.DESCRIPTION;
import static io.brmh.platform.namespaces.NamespacesTable.ICON_URL;
import static io.brmh.platform.namespaces.NamespacesTable.ID;
import static io.brmh.platform.namespaces.NamespacesTable.JOB_ID;
import static io.brmh.platform.namespaces.NamespacesTable.KIND;
import static io.brmh.platform.namespaces.NamespacesTable.NAME;
import static io.brmh.platform.namespaces.NamespacesTable.NAMESPACE_ID;
import static io.brmh.platform.namespaces.NamespacesTable.NAMESPACE_KIND;
import static io.brmh.platform.namespaces.NamespacesTable.NAME_KIND;
import static io.brmh.platform.namespaces.NamespacesTable.STATUS;
import static io.brmh.platform.namespaces.NamespacesTable.TAGS;
import static io.brmh.platform.namespaces.NamespacesTable.UPDATED_AT;
import static io.brmh.platform.namespaces.NamespacesTable.URL;
import static io.brmh.platform.namespaces.NamespacesTable.VERSION;

import com.github.benmanes.caffeine.cache.Cache;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.LookupCaches;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Namespaces in DynamoDB. A namespace and the claim on its name are written in one transaction, so
 * a name belongs to one namespace at most; its first owner's role is written in the same one.
 * Changes are conditional on the version the caller read.
 */
@Singleton
public class NamespaceStore {
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamo;
  private final NamespacesTable table;
  private final NamespaceMembers members;

  /** Namespace ids by name, as every cache request resolves its project. */
  private final Cache<String, Optional<String>> ids;

  public NamespaceStore(
      DynamoDbClient dynamo, NamespacesTable table, NamespaceMembers members, LookupCaches caches) {
    this.dynamo = dynamo;
    this.table = table;
    this.members = members;
    this.ids = caches.create();
  }

  /**
   * Creates a namespace with its first owner.
   *
   * @param owner the owner, or {@code null} for a namespace only administrators manage (one the
   *     migration made for caches that had none)
   * @return empty when the name is taken
   */
  public Optional<Namespace> create(NamespaceFields fields, @Nullable NamespaceMember owner) {
    return create(UUID.randomUUID().toString(), fields, owner, null);
  }

  /**
   * Creates a namespace with the id given (a fresh UUID) and its icon, stored under that id before.
   *
   * @return empty when the name is taken
   */
  public Optional<Namespace> create(
      String id, NamespaceFields fields, NamespaceMember owner, @Nullable String iconUrl) {
    return create(id, fields, owner, iconUrl, Namespace.READY, null);
  }

  /**
   * Creates the namespace a duplicate job copies into, marked {@value Namespace#COPYING} until the
   * job is done, with the caller as its owner.
   *
   * @return empty when the name is taken
   */
  public Optional<Namespace> createCopy(
      String id,
      NamespaceFields fields,
      NamespaceMember owner,
      @Nullable String iconUrl,
      String jobId) {
    return create(id, fields, owner, iconUrl, Namespace.COPYING, jobId);
  }

  private Optional<Namespace> create(
      String id,
      NamespaceFields fields,
      @Nullable NamespaceMember owner,
      @Nullable String iconUrl,
      String status,
      @Nullable String jobId) {
    Instant now = Instant.now();
    Namespace namespace =
        new Namespace(
            id,
            ProblemException.required(fields.name(), "namespace-name"),
            fields.url(),
            fields.tags() == null ? List.of() : List.copyOf(fields.tags()),
            iconUrl,
            fields.description(),
            1,
            owner == null ? "brmh" : owner.userId(),
            now,
            now,
            status,
            jobId);
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .put(
                put ->
                    put.tableName(table.name())
                        .item(item(namespace))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", ID)))
            .build());
    writes.add(claim(namespace.name(), namespace.id()));
    if (owner != null) {
      writes.add(members.grantWrite(namespace.id(), owner));
    }
    try {
      dynamo.transactWriteItems(b -> b.transactItems(writes));
    } catch (TransactionCanceledException taken) {
      if (failed(taken, 1)) {
        return Optional.empty();
      }
      if (conflicted(taken)) {
        throw new ProblemException(
            HttpStatus.CONFLICT,
            "concurrent-change",
            "Another request wrote this namespace at the same moment; try again.");
      }
      throw taken;
    }
    ids.invalidate(namespace.name());
    if (owner != null) {
      members.forget(namespace.id(), owner.userId());
    }
    return Optional.of(namespace);
  }

  /** Creates a namespace of this name owned by this account; empty when the name is taken. */
  public Optional<Namespace> create(String name, String ownerId, String ownerEmail) {
    return create(
        new NamespaceFields(name, null, null, null),
        new NamespaceMember(ownerId, ownerEmail, NamespaceRole.OWNER, ownerId, Instant.now()));
  }

  public Optional<Namespace> find(String id) {
    Map<String, AttributeValue> item = get(id);
    return item == null || !NAMESPACE_KIND.equals(text(item, KIND))
        ? Optional.empty()
        : Optional.of(namespace(item));
  }

  /** The namespace holding this name, read now. */
  public Optional<Namespace> findByName(String name) {
    return Optional.ofNullable(get(NamespacesTable.claimId(name)))
        .map(claim -> text(claim, NAMESPACE_ID))
        .flatMap(this::find);
  }

  /**
   * The id of the namespace holding this name, as this instance last read it: at most {@link
   * io.brmh.platform.security.LookupCaching#ttl()} ago.
   */
  public Optional<String> idOf(String name) {
    return ids.get(
        name,
        key ->
            Optional.ofNullable(get(NamespacesTable.claimId(key))).map(c -> text(c, NAMESPACE_ID)));
  }

  /**
   * Marks a ready namespace {@code status} ({@value Namespace#DELETING} or {@value
   * Namespace#COPYING}) for the job {@code jobId}: from now on nothing in it changes but through
   * that job. Its version moves, so a change made with the version read before is stale.
   *
   * @return the namespace as marked
   * @throws ProblemException 404 when there is none, 409 when another job works on it
   */
  public Namespace markBusy(String id, String status, String jobId) {
    try {
      Map<String, AttributeValue> marked =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table.name())
                          .key(Map.of(ID, AttributeValue.fromS(id)))
                          .updateExpression(
                              "SET #status = :status, #job = :job, #version = #version + :one,"
                                  + " #updated = :now")
                          .conditionExpression(
                              "#kind = :namespace AND attribute_not_exists(#status)")
                          .expressionAttributeNames(
                              Map.of(
                                  "#status", STATUS,
                                  "#job", JOB_ID,
                                  "#version", VERSION,
                                  "#updated", UPDATED_AT,
                                  "#kind", KIND))
                          .expressionAttributeValues(
                              Map.of(
                                  ":status", AttributeValue.fromS(status),
                                  ":job", AttributeValue.fromS(jobId),
                                  ":one", AttributeValue.fromN("1"),
                                  ":now", AttributeValue.fromS(Instant.now().toString()),
                                  ":namespace", AttributeValue.fromS(NAMESPACE_KIND)))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return namespace(marked);
    } catch (ConditionalCheckFailedException refused) {
      Namespace current = find(id).orElseThrow(() -> notFound(id));
      throw busy(current);
    }
  }

  /**
   * Ends the mark of job {@code jobId}: the namespace is ready again. Nothing happens when the mark
   * is another job's, or gone.
   */
  public void markReady(String id, String jobId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(ID, AttributeValue.fromS(id)))
                  .updateExpression(
                      "REMOVE #status, #job SET #version = #version + :one, #updated = :now")
                  .conditionExpression("#job = :job")
                  .expressionAttributeNames(
                      Map.of(
                          "#status", STATUS,
                          "#job", JOB_ID,
                          "#version", VERSION,
                          "#updated", UPDATED_AT))
                  .expressionAttributeValues(
                      Map.of(
                          ":job", AttributeValue.fromS(jobId),
                          ":one", AttributeValue.fromN("1"),
                          ":now", AttributeValue.fromS(Instant.now().toString()))));
    } catch (ConditionalCheckFailedException notMarkedByIt) {
      // ready already, or another job's: nothing of this job's to end
    }
  }

  /**
   * Removes the namespace item and the claim on its name, once the job {@code jobId} that marked it
   * removed everything in it; removing it again is harmless.
   */
  public void delete(Namespace namespace, String jobId) {
    List<TransactWriteItem> writes =
        List.of(
            TransactWriteItem.builder()
                .delete(
                    delete ->
                        delete
                            .tableName(table.name())
                            .key(Map.of(ID, AttributeValue.fromS(namespace.id())))
                            .conditionExpression("attribute_not_exists(#id) OR #job = :job")
                            .expressionAttributeNames(Map.of("#id", ID, "#job", JOB_ID))
                            .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId))))
                .build(),
            TransactWriteItem.builder()
                .delete(
                    delete ->
                        delete
                            .tableName(table.name())
                            .key(
                                Map.of(
                                    ID,
                                    AttributeValue.fromS(
                                        NamespacesTable.claimId(namespace.name()))))
                            .conditionExpression("attribute_not_exists(#id) OR #ns = :id")
                            .expressionAttributeNames(Map.of("#id", ID, "#ns", NAMESPACE_ID))
                            .expressionAttributeValues(
                                Map.of(":id", AttributeValue.fromS(namespace.id()))))
                .build());
    dynamo.transactWriteItems(b -> b.transactItems(writes));
    ids.invalidate(namespace.name());
  }

  /** 409: a job works on the namespace, and nothing else may change it meanwhile. */
  public static ProblemException busy(Namespace namespace) {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "namespace-busy",
        "Namespace "
            + namespace.id()
            + " is "
            + namespace.status()
            + " (job "
            + namespace.jobId()
            + "); nothing in it can change until that job ends.");
  }

  /**
   * Applies the fields given to the version the caller read; a new name moves the claim.
   *
   * @throws ProblemException 404 when there is no such namespace, 412 when it changed since {@code
   *     expectedVersion}, 409 when the new name is taken
   */
  public Namespace update(Namespace current, long expectedVersion, NamespaceFields changes) {
    return replace(
        current,
        expectedVersion,
        new Namespace(
            current.id(),
            changes.name() == null ? current.name() : changes.name(),
            changes.url() == null ? current.url() : changes.url(),
            changes.tags() == null ? current.tags() : List.copyOf(changes.tags()),
            current.iconUrl(),
            changes.description() == null ? current.description() : changes.description(),
            expectedVersion + 1,
            current.createdBy(),
            current.createdAt(),
            Instant.now(),
            current.status(),
            current.jobId()));
  }

  /**
   * Gives the version the caller read a new icon URL, or none.
   *
   * @throws ProblemException 404 when there is no such namespace, 412 when it changed since {@code
   *     expectedVersion}
   */
  public Namespace setIcon(Namespace current, long expectedVersion, @Nullable String iconUrl) {
    return replace(
        current,
        expectedVersion,
        new Namespace(
            current.id(),
            current.name(),
            current.url(),
            current.tags(),
            iconUrl,
            current.description(),
            expectedVersion + 1,
            current.createdBy(),
            current.createdAt(),
            Instant.now(),
            current.status(),
            current.jobId()));
  }

  private Namespace replace(Namespace current, long expectedVersion, Namespace next) {
    boolean renamed = !next.name().equals(current.name());
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .put(
                put ->
                    put.tableName(table.name())
                        .item(item(next))
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", VERSION))
                        .expressionAttributeValues(
                            Map.of(
                                ":expected", AttributeValue.fromN(Long.toString(expectedVersion)))))
            .build());
    if (renamed) {
      writes.add(claim(next.name(), next.id()));
      writes.add(
          TransactWriteItem.builder()
              .delete(
                  delete ->
                      delete
                          .tableName(table.name())
                          .key(
                              Map.of(
                                  ID,
                                  AttributeValue.fromS(NamespacesTable.claimId(current.name()))))
                          .conditionExpression("#ns = :id")
                          .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                          .expressionAttributeValues(
                              Map.of(":id", AttributeValue.fromS(current.id()))))
              .build());
    }
    try {
      dynamo.transactWriteItems(b -> b.transactItems(writes));
    } catch (TransactionCanceledException refused) {
      if (failed(refused, 0)) {
        throw find(current.id()).isPresent() ? stale(current.id()) : notFound(current.id());
      }
      if (renamed && failed(refused, 1)) {
        throw nameTaken(next.name());
      }
      if (conflicted(refused)) {
        throw stale(current.id()); // another change ran at the same moment: read it again
      }
      throw refused;
    }
    if (renamed) {
      ids.invalidate(current.name());
      ids.invalidate(next.name());
    }
    return next;
  }

  public static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "namespace-not-found", "There is no namespace " + id + ".");
  }

  public static ProblemException stale(String id) {
    return new ProblemException(
        HttpStatus.PRECONDITION_FAILED,
        "version-mismatch",
        "Namespace " + id + " changed since the version named in If-Match; read it again.");
  }

  public static ProblemException nameTaken(String name) {
    return new ProblemException(
        HttpStatus.CONFLICT, "namespace-exists", "Namespace " + name + " exists.");
  }

  private TransactWriteItem claim(String name, String namespaceId) {
    return TransactWriteItem.builder()
        .put(
            put ->
                put.tableName(table.name())
                    .item(
                        Map.of(
                            ID,
                            AttributeValue.fromS(NamespacesTable.claimId(name)),
                            KIND,
                            AttributeValue.fromS(NAME_KIND),
                            NAMESPACE_ID,
                            AttributeValue.fromS(namespaceId)))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID)))
        .build();
  }

  /** Whether DynamoDB cancelled the transaction for another one on the same items. */
  private static boolean conflicted(TransactionCanceledException e) {
    return e.cancellationReasons().stream()
        .anyMatch(reason -> "TransactionConflict".equals(reason.code()));
  }

  private static boolean failed(TransactionCanceledException e, int write) {
    List<CancellationReason> reasons = e.cancellationReasons();
    return reasons.size() > write && CONDITION_FAILED.equals(reasons.get(write).code());
  }

  private Map<String, AttributeValue> get(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  public static Map<String, AttributeValue> item(Namespace namespace) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, AttributeValue.fromS(namespace.id()));
    item.put(KIND, AttributeValue.fromS(NAMESPACE_KIND));
    item.put(NAME, AttributeValue.fromS(namespace.name()));
    if (namespace.url() != null) {
      item.put(URL, AttributeValue.fromS(namespace.url()));
    }
    item.put(
        TAGS, AttributeValue.fromL(namespace.tags().stream().map(AttributeValue::fromS).toList()));
    if (namespace.iconUrl() != null) {
      item.put(ICON_URL, AttributeValue.fromS(namespace.iconUrl()));
    }
    if (namespace.description() != null) {
      item.put(DESCRIPTION, AttributeValue.fromS(namespace.description()));
    }
    item.put(VERSION, AttributeValue.fromN(Long.toString(namespace.version())));
    item.put(CREATED_BY, AttributeValue.fromS(namespace.createdBy()));
    item.put(CREATED_AT, AttributeValue.fromS(namespace.createdAt().toString()));
    item.put(UPDATED_AT, AttributeValue.fromS(namespace.updatedAt().toString()));
    if (namespace.isBusy()) {
      item.put(STATUS, AttributeValue.fromS(namespace.status()));
      item.put(JOB_ID, AttributeValue.fromS(namespace.jobId()));
    }
    return item;
  }

  public static Namespace namespace(Map<String, AttributeValue> item) {
    return new Namespace(
        text(item, ID),
        text(item, NAME),
        text(item, URL),
        item.containsKey(TAGS)
            ? item.get(TAGS).l().stream().map(AttributeValue::s).toList()
            : List.of(),
        text(item, ICON_URL),
        text(item, DESCRIPTION),
        Long.parseLong(item.get(VERSION).n()),
        text(item, CREATED_BY),
        Instant.parse(text(item, CREATED_AT)),
        Instant.parse(text(item, UPDATED_AT)),
        item.containsKey(STATUS) ? text(item, STATUS) : Namespace.READY,
        text(item, JOB_ID));
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
  }
}
