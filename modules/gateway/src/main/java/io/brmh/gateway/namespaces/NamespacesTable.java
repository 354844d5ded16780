package io.brmh.gateway.namespaces;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Namespaces, {@code brmh-namespaces}, keyed by {@value #ID}. Two kinds of item, told apart by
 * {@value #KIND}: a namespace under its id (a UUID), and the claim on its name under {@code
 * name#<name>}, which makes names unique. Path parameters that address namespaces must be UUIDs, so
 * no request can address a claim.
 */
@Singleton
class NamespacesTable implements ManagedTable {
  static final String ID = "id";
  static final String KIND = "kind";
  static final String NAMESPACE_KIND = "namespace";
  static final String NAME_KIND = "name";
  static final String MIGRATION_KIND = "migration";

  static final String NAME = "name";
  static final String URL = "url";
  static final String TAGS = "tags";
  static final String ICON_URL = "iconUrl";
  static final String DESCRIPTION = "description";
  static final String VERSION = "version";
  static final String CREATED_BY = "createdBy";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";

  /** In a name claim: the id of the namespace holding the name. */
  static final String NAMESPACE_ID = "namespaceId";

  private final String name;

  NamespacesTable(NamespacesConfiguration config) {
    this.name = config.table();
  }

  String name() {
    return name;
  }

  static String claimId(String namespaceName) {
    return "name#" + namespaceName;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, ID);
  }
}
