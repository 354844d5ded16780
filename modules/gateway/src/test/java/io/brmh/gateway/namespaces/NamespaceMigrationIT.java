package io.brmh.gateway.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.namespaces.NamespacesConfiguration;
import io.brmh.platform.namespaces.NamespacesTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Data of the first namespace layout keeps working: namespaces and roles kept by name become
 * namespaces with ids and the same roles, and a cache project without a namespace gets one.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceMigrationIT implements TestPropertyProvider {
  private final String legacyTable =
      "it-legacy-members-" + UUID.randomUUID().toString().substring(0, 8);

  @Inject DynamoDbClient dynamo;
  @Inject NamespacesTable table;
  @Inject NamespacesConfiguration config;
  @Inject NamespaceStore namespaces;
  @Inject NamespaceMembers members;
  @Inject CacheConfigRepository caches;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @Test
  void namespacesKeptByNameAndCachedProjectsBecomeNamespacesWithTheirRoles() {
    dynamo.createTable(
        b ->
            b.tableName(legacyTable)
                .keySchema(
                    k -> k.attributeName("namespace").keyType(KeyType.HASH),
                    k -> k.attributeName("member").keyType(KeyType.RANGE))
                .attributeDefinitions(
                    a -> a.attributeName("namespace").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("member").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    String legacy = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
    String owner = UUID.randomUUID().toString();
    String viewer = UUID.randomUUID().toString();
    legacyItem(legacy, "#namespace", null, owner);
    legacyItem(legacy, owner, "OWNER", owner);
    legacyItem(legacy, viewer, "VIEWER", owner);
    String cachedOnly = "cached-" + UUID.randomUUID().toString().substring(0, 8);
    String now = Instant.now().toString();
    caches.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            "some-table",
            cachedOnly,
            1,
            0,
            "active",
            null,
            null,
            now,
            now));

    // This gateway migrated its own (empty) first layout when it started.
    forgetMarker();
    NamespaceMigration migration = migration();
    migration.runOnce();
    assertThat(migration.done()).isTrue();
    // Another instance running it as well, or a start interrupted before the marker, changes
    // nothing.
    forgetMarker();
    migration().runOnce();

    Namespace moved = namespaces.findByName(legacy).orElseThrow();
    assertThat(members.roleOf(moved.id(), owner)).contains(NamespaceRole.OWNER);
    assertThat(members.roleOf(moved.id(), viewer)).contains(NamespaceRole.VIEWER);
    assertThat(members.members(moved.id())).hasSize(2);
    Namespace adopted = namespaces.findByName(cachedOnly).orElseThrow();
    assertThat(members.members(adopted.id())).as("administrators only").isEmpty();
  }

  private void forgetMarker() {
    dynamo.deleteItem(
        b ->
            b.tableName(table.name())
                .key(Map.of("id", AttributeValue.fromS("migration#namespaces-by-id"))));
  }

  private NamespaceMigration migration() {
    return new NamespaceMigration(
        dynamo,
        table,
        new NamespacesConfiguration(
            config.table(),
            config.rolesTable(),
            legacyTable,
            config.iconBucket(),
            config.iconMaxBytes(),
            false),
        namespaces,
        members,
        caches);
  }

  private void legacyItem(String namespace, String member, String role, String grantedBy) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("namespace", AttributeValue.fromS(namespace));
    item.put("member", AttributeValue.fromS(member));
    item.put("grantedBy", AttributeValue.fromS(grantedBy));
    item.put("grantedAt", AttributeValue.fromS(Instant.now().toString()));
    if (role != null) {
      item.put("role", AttributeValue.fromS(role));
      item.put("email", AttributeValue.fromS(member + "@example.org"));
    }
    dynamo.putItem(b -> b.tableName(legacyTable).item(item));
  }
}
