package io.brmh.gateway.auth;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Refresh tokens and their families, one item each under {@value #ID}: {@code token#<SHA-256 of the
 * token>} (the token itself is never stored) and {@code family#<id>}. DynamoDB's time to live
 * removes both after {@value #EXPIRES_AT}.
 */
@Singleton
class RefreshTokensTable implements ManagedTable {
  static final String ID = "id";
  static final String FAMILY = "family";
  static final String EMAIL = "email";
  static final String STATE = "state";
  static final String REVOKED = "revoked";
  static final String EXPIRES_AT = "expiresAt";

  private final String name;

  RefreshTokensTable(AuthConfiguration config) {
    this.name = config.refreshTokensTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, ID);
  }

  @Override
  public void afterCreate(DynamoDbClient dynamo) {
    ManagedTable.expireBy(dynamo, name, EXPIRES_AT);
  }
}
