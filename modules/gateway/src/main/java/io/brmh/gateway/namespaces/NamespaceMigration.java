package io.brmh.gateway.namespaces;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.namespaces.NamespacesConfiguration;
import io.brmh.platform.namespaces.NamespacesTable;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Brings data of the first namespace layout into the namespace model, once per installation:
 * namespaces and roles kept by name in {@code brmh-namespace-members} (a {@code #namespace} marker
 * and one item per member) become namespaces with ids and roles by id, and every cache project
 * without a namespace gets one that only administrators manage (until they grant roles). Each step
 * can run twice without harm, so gateways starting together may all run it; a marker item records
 * that it finished. A failure (DynamoDB not reachable yet) is tried again every 30 s.
 */
@Singleton
class NamespaceMigration {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceMigration.class);
  private static final String MARKER = "migration#namespaces-by-id";
  private static final String LEGACY_NAMESPACE = "namespace";
  private static final String LEGACY_MEMBER = "member";
  private static final String LEGACY_MARKER = "#namespace";

  private final DynamoDbClient dynamo;
  private final NamespacesTable table;
  private final NamespacesConfiguration config;
  private final NamespaceStore namespaces;
  private final NamespaceMembers members;
  private final CacheConfigRepository caches;
  private volatile boolean done;

  NamespaceMigration(
      DynamoDbClient dynamo,
      NamespacesTable table,
      NamespacesConfiguration config,
      NamespaceStore namespaces,
      NamespaceMembers members,
      CacheConfigRepository caches) {
    this.dynamo = dynamo;
    this.table = table;
    this.config = config;
    this.namespaces = namespaces;
    this.members = members;
    this.caches = caches;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    runOnce();
  }

  @Scheduled(fixedDelay = "30s", initialDelay = "30s")
  void retry() {
    runOnce();
  }

  /** Whether the migration finished, here or on another instance. */
  boolean done() {
    return done;
  }

  /**
   * Until the first layout's names are moved, a new namespace could take one of them: creating
   * namespaces waits for the migration.
   *
   * @throws ProblemException 503 with {@code Retry-After} while it has not finished
   */
  void requireDone() {
    if (!done) {
      runOnce();
    }
    if (!done) {
      throw new io.brmh.platform.problem.ProblemException(
              io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE,
              "migration-pending",
              "Namespaces are being moved to their new layout; try again shortly.")
          .withHeader(io.micronaut.http.HttpHeaders.RETRY_AFTER, "30");
    }
  }

  synchronized void runOnce() {
    if (done) {
      return;
    }
    try {
      if (!markerExists()) {
        int moved = moveLegacyNamespaces();
        int adopted = adoptCacheProjects();
        writeMarker();
        if (moved + adopted > 0) {
          LOG.info(
              "Namespace migration: {} namespaces moved from {}, {} made for cache projects",
              moved,
              config.membersTable(),
              adopted);
        }
      }
      done = true;
    } catch (RuntimeException e) {
      LOG.warn("Namespace migration failed, tried again in 30 s: {}", e.toString());
    }
  }

  private int moveLegacyNamespaces() {
    Map<String, List<Map<String, AttributeValue>>> byName = new LinkedHashMap<>();
    try {
      dynamo
          .scanPaginator(b -> b.tableName(config.membersTable()).consistentRead(true))
          .items()
          .forEach(
              item ->
                  byName
                      .computeIfAbsent(item.get(LEGACY_NAMESPACE).s(), name -> new ArrayList<>())
                      .add(item));
    } catch (ResourceNotFoundException noLegacyTable) {
      return 0;
    }
    int moved = 0;
    for (Map.Entry<String, List<Map<String, AttributeValue>>> entry : byName.entrySet()) {
      String namespaceId = ensure(entry.getKey());
      for (Map<String, AttributeValue> item : entry.getValue()) {
        if (!item.get(LEGACY_MEMBER).s().equals(LEGACY_MARKER)) {
          try {
            members.grant(
                namespaceId,
                new NamespaceMember(
                    item.get(LEGACY_MEMBER).s(),
                    item.get("email").s(),
                    NamespaceRole.valueOf(item.get("role").s()),
                    item.get("grantedBy").s(),
                    Instant.parse(item.get("grantedAt").s())));
          } catch (RuntimeException unreadable) {
            // One broken item must not hold back every other namespace's move.
            LOG.warn(
                "Namespace migration skipped a member item of {} it cannot read: {}",
                entry.getKey(),
                unreadable.getClass().getSimpleName());
          }
        }
      }
      moved++;
    }
    return moved;
  }

  private int adoptCacheProjects() {
    int adopted = 0;
    for (String project : caches.findAll().stream().map(CacheConfig::project).distinct().toList()) {
      if (namespaces.findByName(project).isEmpty()) {
        ensure(project);
        adopted++;
      }
    }
    return adopted;
  }

  /** The id of the namespace of this name, made without an owner when there is none. */
  private String ensure(String name) {
    Optional<Namespace> existing = namespaces.findByName(name);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    return namespaces
        .create(new NamespaceFields(name, null, null, null), null)
        .or(() -> namespaces.findByName(name)) // made by another instance meanwhile
        .orElseThrow()
        .id();
  }

  private boolean markerExists() {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(NamespacesTable.ID, AttributeValue.fromS(MARKER)))
                        .consistentRead(true))
            .item();
    return item != null && !item.isEmpty();
  }

  private void writeMarker() {
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        NamespacesTable.ID,
                        AttributeValue.fromS(MARKER),
                        NamespacesTable.KIND,
                        AttributeValue.fromS(NamespacesTable.MIGRATION_KIND),
                        NamespacesTable.CREATED_AT,
                        AttributeValue.fromS(Instant.now().toString()))));
  }
}
