package io.brmh.contracts.namespace;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Copy a namespace's schemas, methods, accounts, webhooks and tables into a namespace the gateway
 * made for the copy. Wire name {@code brmh.namespace.duplicate-requested.v1} on {@code
 * brmh.namespace-commands}, keyed by the id of the namespace copied, so a delete of it asked for
 * later waits until the copy is done.
 *
 * @param jobId the job that reports the outcome
 * @param namespaceId the namespace copied
 * @param copyId the namespace the copies go into (made, empty and marked copying, by the gateway)
 * @param includeSecrets whether the accounts' sealed credentials are copied (sealed again for the
 *     copy); the gateway allows it only to an owner of the namespace copied
 * @param includeItems whether the items of the namespace's tables are copied into the copy's
 *     tables, or only the tables are made
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record NamespaceDuplicateRequested(
    String jobId,
    String namespaceId,
    String copyId,
    boolean includeSecrets,
    boolean includeItems,
    String requestedBy) {}
