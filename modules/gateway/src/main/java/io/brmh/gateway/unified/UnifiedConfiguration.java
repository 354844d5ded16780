package io.brmh.gateway.unified;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespaces' methods and accounts are kept ({@code brmh.unified.*}).
 *
 * @param entitiesTable the DynamoDB table of methods and accounts, with an index by namespace
 *     (default {@code brmh-namespace-entities})
 */
@ConfigurationProperties("brmh.unified")
public record UnifiedConfiguration(
    @Bindable(defaultValue = "brmh-namespace-entities") String entitiesTable) {}
