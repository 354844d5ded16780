package io.brmh.gateway.auth.keys;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The token-signing keys shared by every gateway instance, one item per key id: the RSA key as a
 * JWK, encrypted ({@link SigningKeyStore}), when it was created and, once a newer key signs, until
 * when it still verifies. DynamoDB's time to live removes a key a day after that.
 */
@Singleton
class SigningKeysTable implements ManagedTable {
  static final String KEY_ID = "kid";
  static final String SEALED_KEY = "sealedKey";
  static final String CREATED_AT = "createdAt";
  static final String VERIFIES_UNTIL = "verifiesUntil";
  static final String EXPIRES_AT = "expiresAt";

  private final String name;

  SigningKeysTable(SigningKeyConfiguration config) {
    this.name = config.table();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, KEY_ID);
  }

  @Override
  public void afterCreate(DynamoDbClient dynamo) {
    ManagedTable.expireBy(dynamo, name, EXPIRES_AT);
  }
}
