package io.brmh.gateway.auth.apikeys;

import io.brmh.gateway.auth.AuthConfiguration;
import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * API keys of machine clients, one item per key id: the SHA-256 of its secret part (never the key),
 * its scopes and tables.
 */
@Singleton
class ApiKeysTable implements ManagedTable {
  static final String ID = "id";
  static final String NAME = "name";
  static final String SECRET_HASH = "secretHash";
  static final String SCOPES = "scopes";
  static final String TABLES = "tables";
  static final String CREATED_AT = "createdAt";
  static final String CREATED_BY = "createdBy";

  private final String name;

  ApiKeysTable(AuthConfiguration config) {
    this.name = config.apiKeysTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, ID);
  }
}
