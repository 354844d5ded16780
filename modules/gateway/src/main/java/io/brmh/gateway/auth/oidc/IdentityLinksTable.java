package io.brmh.gateway.auth.oidc;

import io.brmh.gateway.auth.AuthConfiguration;
import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * External identities linked to BRMH accounts: {@code <issuer> <subject>} → the account's login.
 */
@Singleton
class IdentityLinksTable implements ManagedTable {
  static final String IDENTITY = "identity";
  static final String LOGIN = "login";
  static final String LINKED_AT = "linkedAt";

  private final String name;

  IdentityLinksTable(AuthConfiguration config) {
    this.name = config.identitiesTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, IDENTITY);
  }
}
