package io.brmh.gateway.auth;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * One-time codes waiting to be entered, one per purpose and recipient ({@code
 * <purpose>#<address>}): the code's keyed hash, what it unlocks, the attempts left and the expiry,
 * after which DynamoDB's time to live removes the item.
 */
@Singleton
class VerificationCodesTable implements ManagedTable {
  static final String ID = "id";
  static final String CODE_HASH = "codeHash";

  /** What the right code unlocks, such as a pending signup's password hash. */
  static final String PAYLOAD = "payload";

  static final String ATTEMPTS_LEFT = "attemptsLeft";
  static final String EXPIRES_AT = "expiresAt";

  private final String name;

  VerificationCodesTable(AuthConfiguration config) {
    this.name = config.verificationCodesTable();
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
