package io.brmh.platform.namespaces;

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
public class NamespacesTable implements ManagedTable {
  public static final String ID = "id";
  public static final String KIND = "kind";
  public static final String NAMESPACE_KIND = "namespace";
  public static final String NAME_KIND = "name";
  public static final String MIGRATION_KIND = "migration";

  public static final String NAME = "name";
  public static final String URL = "url";
  public static final String TAGS = "tags";
  public static final String ICON_URL = "iconUrl";
  public static final String DESCRIPTION = "description";
  public static final String VERSION = "version";
  public static final String CREATED_BY = "createdBy";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";

  /**
   * Absent while ready; {@code deleting} or {@code copying} while the job {@value #JOB_ID} runs.
   */
  public static final String STATUS = "status";

  public static final String JOB_ID = "jobId";

  /** In a name claim: the id of the namespace holding the name. */
  public static final String NAMESPACE_ID = "namespaceId";

  private final String name;

  public NamespacesTable(NamespacesConfiguration config) {
    this.name = config.table();
  }

  public String name() {
    return name;
  }

  public static String claimId(String namespaceName) {
    return "name#" + namespaceName;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, ID);
  }
}
