package io.brmh.gateway.namespaces;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespaces are kept ({@code brmh.namespaces.*}).
 *
 * @param membersTable the DynamoDB table of namespace members and their roles (default {@code
 *     brmh-namespace-members})
 */
@ConfigurationProperties("brmh.namespaces")
public record NamespacesConfiguration(
    @Bindable(defaultValue = "brmh-namespace-members") String membersTable) {}
