package io.brmh.contracts.namespace;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Remove a namespace with everything in it. Wire name {@code brmh.namespace.delete-requested.v1} on
 * {@code brmh.namespace-commands}, keyed by namespace id, so it runs after every earlier command of
 * the namespace (a duplicate of it reads it whole first).
 *
 * @param jobId the job that reports the outcome
 * @param namespaceId the namespace removed
 * @param deleteTables whether the namespace's DynamoDB tables are dropped too; otherwise they stay
 *     in DynamoDB, belonging to no namespace
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record NamespaceDeleteRequested(
    String jobId, String namespaceId, boolean deleteTables, String requestedBy) {}
