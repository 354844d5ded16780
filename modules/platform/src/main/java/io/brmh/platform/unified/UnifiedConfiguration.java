package io.brmh.platform.unified;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespaces' methods, accounts, webhooks and tables are recorded ({@code brmh.unified.*}).
 *
 * @param entitiesTable the DynamoDB table of methods, accounts and webhooks, with an index by
 *     namespace (default {@code brmh-namespace-entities})
 * @param tablesTable the DynamoDB table of the data tables that belong to namespaces (default
 *     {@code brmh-namespace-tables})
 */
@ConfigurationProperties("brmh.unified")
public record UnifiedConfiguration(
    @Bindable(defaultValue = "brmh-namespace-entities") String entitiesTable,
    @Bindable(defaultValue = "brmh-namespace-tables") String tablesTable) {}
