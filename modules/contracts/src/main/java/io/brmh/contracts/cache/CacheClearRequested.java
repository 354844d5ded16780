package io.brmh.contracts.cache;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Remove one project's cache of a table, with its indexes. Wire name {@code
 * brmh.cache.clear-requested.v1} on {@code brmh.table-log}, keyed by table name, so it takes its
 * place in order among the table's changes and bulk loads.
 *
 * @param jobId the job that reports the outcome
 * @param project the project whose keys are removed
 * @param table the cached table
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record CacheClearRequested(String jobId, String project, String table, String requestedBy) {}
