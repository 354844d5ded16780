package io.brmh.contracts.index;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Remove a search index: every generation of it and its alias. Wire name {@code
 * brmh.index.drop-requested.v1} on {@code brmh.table-log}, keyed by table name, so that it comes in
 * order among the table's changes and reindexes: those before it apply first, and none after it
 * finds the index. The configuration itself is removed right after this is sent.
 *
 * @param jobId the job that reports the drop
 * @param indexId the index configuration ({@code brmh-indexing}) that was removed
 * @param table the DynamoDB table it indexed
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record IndexDropRequested(String jobId, String indexId, String table, String requestedBy) {}
