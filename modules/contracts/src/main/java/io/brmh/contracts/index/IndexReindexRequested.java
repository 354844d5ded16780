package io.brmh.contracts.index;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Build a search index configuration's documents again from its whole table, as a new generation,
 * then move the index's alias to it and drop the old one. Wire name {@code
 * brmh.index.reindex-requested.v1} on {@code brmh.table-log}, keyed by table name, so that it is a
 * barrier for the table's changes: those behind it wait in Kafka and apply to the new generation.
 *
 * @param jobId the job that reports the reindex; it names the new generation
 * @param indexId the index configuration ({@code brmh-indexing})
 * @param table the DynamoDB table it indexes
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record IndexReindexRequested(
    String jobId, String indexId, String table, String requestedBy) {}
