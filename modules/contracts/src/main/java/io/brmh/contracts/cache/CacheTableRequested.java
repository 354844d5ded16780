package io.brmh.contracts.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Cache a whole DynamoDB table in Redis. Wire name {@code brmh.cache.table-requested.v1} on {@code
 * brmh.table-log}, keyed by table name, so that it acts as a barrier for the table's changes.
 *
 * @param jobId the job that reports this request's progress and result
 * @param project the project (namespace) whose cache keys are written: {@code
 *     {project}:{table}:...}
 * @param table the DynamoDB table to scan
 * @param recordsPerKey 1 stores one item per key; more stores chunks of that many items
 * @param ttlSeconds expiry of every written key in seconds, or {@code null} for none
 * @param requestedBy the user id that asked for it, or {@code system} for a load BRMH started
 *     itself
 * @param reason why BRMH started the load itself (a cache Redis lost, a stream that lost changes);
 *     {@code null} for a caller's load
 */
@Serdeable
public record CacheTableRequested(
    String jobId,
    String project,
    String table,
    int recordsPerKey,
    @Nullable Long ttlSeconds,
    String requestedBy,
    @Nullable String reason) {

  /** A caller's load. */
  public CacheTableRequested(
      String jobId,
      String project,
      String table,
      int recordsPerKey,
      Long ttlSeconds,
      String requestedBy) {
    this(jobId, project, table, recordsPerKey, ttlSeconds, requestedBy, null);
  }
}
