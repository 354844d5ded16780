package io.brmh.platform.unified;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The data tables that belong to namespaces, {@code brmh-namespace-tables}, keyed by {@value
 * #TABLE_NAME}: a table belongs to one namespace at most, and only such tables are reached by the
 * namespace routes (counts, and the generic item routes to come). Replaces the original's {@code
 * brmh-schema-table-data}, whose items it keeps the fields of.
 */
@Singleton
public class NamespaceTablesTable implements ManagedTable {
  public static final String TABLE_NAME = "tableName";
  public static final String NAMESPACE_ID = "namespaceId";
  public static final String SCHEMA_ID = "schemaId";
  public static final String ACCOUNT_ID = "accountId";
  public static final String METHOD_NAME = "methodName";
  public static final String STATUS = "status";
  public static final String CREATED_BY = "createdBy";
  public static final String CREATED_AT = "createdAt";

  private final String name;

  public NamespaceTablesTable(UnifiedConfiguration config) {
    this.name = config.tablesTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, TABLE_NAME);
  }
}
