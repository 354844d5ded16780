package io.brmh.platform.namespaces;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespaces are kept ({@code brmh.namespaces.*}).
 *
 * @param table the DynamoDB table of namespaces and of the names they hold (default {@code
 *     brmh-namespaces})
 * @param rolesTable the DynamoDB table of members' roles, keyed by namespace id and user id
 *     (default {@code brmh-namespace-roles})
 * @param membersTable the table of the first layout, namespaces and roles keyed by name (default
 *     {@code brmh-namespace-members}): read once at start-up to move what it holds into the two
 *     tables above, then left alone (it can be dropped)
 * @param iconBucket the S3 bucket of namespace icons (default {@code brmh-namespace-icons}); it
 *     holds nothing else, so no icon route reaches another file
 * @param iconMaxBytes the largest icon accepted (default 1 MiB)
 * @param createIconBucket whether a process makes {@code iconBucket} at start-up when it is missing
 *     (default false; the local run and compose turn it on)
 */
@ConfigurationProperties("brmh.namespaces")
public record NamespacesConfiguration(
    @Bindable(defaultValue = "brmh-namespaces") String table,
    @Bindable(defaultValue = "brmh-namespace-roles") String rolesTable,
    @Bindable(defaultValue = "brmh-namespace-members") String membersTable,
    @Bindable(defaultValue = "brmh-namespace-icons") String iconBucket,
    @Bindable(defaultValue = "1048576") int iconMaxBytes,
    @Bindable(defaultValue = "false") boolean createIconBucket) {}
