package io.brmh.platform.unified;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.dynamodb.ManagedTable;
import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.streams.StreamSwitch;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A namespace's tables are listed from the index by namespace, in pages that cover them once and
 * hold no other namespace's; a records table from before the index gets it at start-up.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceTablesIndexIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject PageTokens pageTokens;
  @Inject InternalTables internal;
  @Inject StreamSwitch streams;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @Test
  void aRecordsTableFromBeforeTheIndexGetsItAndListsANamespacesTablesInPages() {
    String name = "tables-before-index-" + UUID.randomUUID();
    dynamo.createTable(ManagedTable.keyedBy(name, NamespaceTablesTable.TABLE_NAME));
    String namespace = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    for (String table : List.of("c-orders", "a-orders", "b-orders")) {
      record(name, table, namespace);
    }
    record(name, "d-orders", other);

    NamespaceTablesTable records =
        new NamespaceTablesTable(new UnifiedConfiguration("unused", name));
    records.upgrade(dynamo);
    records.upgrade(dynamo); // a second start finds nothing to do
    NamespaceTables tables = new NamespaceTables(dynamo, records, internal, pageTokens, streams);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(tables.page(namespace, 10, null).tables())
                    .as("filled from the records there were")
                    .hasSize(3));
    NamespaceTables.TablePage first = tables.page(namespace, 2, null);
    assertThat(first.tables())
        .extracting(NamespaceTables.NamespaceTable::tableName)
        .containsExactly("a-orders", "b-orders");
    NamespaceTables.TablePage second = tables.page(namespace, 2, first.nextPageToken());
    assertThat(second.tables())
        .extracting(NamespaceTables.NamespaceTable::tableName)
        .containsExactly("c-orders");
    assertThat(second.nextPageToken()).isNull();
    assertThat(tables.page(other, 10, null).tables())
        .extracting(NamespaceTables.NamespaceTable::tableName)
        .containsExactly("d-orders");
  }

  private void record(String records, String table, String namespace) {
    dynamo.putItem(
        b ->
            b.tableName(records)
                .item(
                    Map.of(
                        NamespaceTablesTable.TABLE_NAME, AttributeValue.fromS(table),
                        NamespaceTablesTable.NAMESPACE_ID, AttributeValue.fromS(namespace),
                        NamespaceTablesTable.STATUS, AttributeValue.fromS("ACTIVE"))));
  }
}
