package io.brmh.platform.jobs;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Commands of accepted jobs on their way to Kafka, {@code brmh-job-outbox}, keyed by {@value
 * #JOB_ID}; an item lives seconds.
 */
@Singleton
class JobOutboxTable implements ManagedTable {
  static final String JOB_ID = "jobId";

  private final String name;

  JobOutboxTable(JobsConfiguration config) {
    this.name = config.outboxTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, JOB_ID);
  }
}
