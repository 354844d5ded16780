package io.brmh.platform.dynamodb;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates BRMH's own tables that do not exist yet, and upgrades those that do ({@link
 * ManagedTable#upgrade}), while the application context starts (before any start-up listener uses
 * them), when {@code brmh.dynamodb.create-tables} is true. In AWS the tables usually come from
 * infrastructure code instead.
 */
@Context
@Requires(property = "brmh.dynamodb.create-tables", value = "true")
class TableProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);

  private final DynamoDbClient dynamo;
  private final List<ManagedTable> tables;

  TableProvisioner(DynamoDbClient dynamo, List<ManagedTable> tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  @PostConstruct
  void createMissingTables() {
    Set<String> existing =
        new HashSet<>(dynamo.listTablesPaginator().tableNames().stream().toList());
    for (ManagedTable table : tables) {
      CreateTableRequest definition = table.definition();
      if (existing.contains(definition.tableName())) {
        table.upgrade(dynamo);
      } else {
        try {
          dynamo.createTable(definition);
        } catch (ResourceInUseException createdByAnotherInstance) {
          continue;
        }
        dynamo.waiter().waitUntilTableExists(request -> request.tableName(definition.tableName()));
        table.afterCreate(dynamo);
        LOG.info("Created DynamoDB table {}", definition.tableName());
      }
    }
  }
}
