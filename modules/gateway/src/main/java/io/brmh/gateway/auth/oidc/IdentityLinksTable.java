package io.brmh.gateway.auth.oidc;

import io.brmh.platform.dynamodb.ManagedTable;
import io.micronaut.context.annotation.Value;
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

  IdentityLinksTable(@Value("${brmh.auth.identities-table:brmh-identities}") String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, IDENTITY);
  }
}
