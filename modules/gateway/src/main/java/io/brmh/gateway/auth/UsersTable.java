package io.brmh.gateway.auth;

import io.brmh.platform.dynamodb.DynamoDbConfiguration;
import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The accounts table: one item per account, keyed by its login in {@value #EMAIL}: the lower-case
 * e-mail, or {@code phone:} and the E.164 number for accounts that log in by phone.
 */
@Singleton
class UsersTable implements ManagedTable {
  static final String EMAIL = "email";
  static final String USER_ID = "userId";
  static final String PASSWORD_HASH = "passwordHash";
  static final String ROLES = "roles";
  static final String CREATED_AT = "createdAt";

  private final String name;

  UsersTable(DynamoDbConfiguration config) {
    this.name = config.usersTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, EMAIL);
  }
}
