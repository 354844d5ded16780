package io.brmh.platform.dynamodb;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * BRMH's own DynamoDB tables ({@code brmh.dynamodb.*}).
 *
 * @param createTables whether a process creates the tables it needs at start-up and upgrades older
 *     ones (default false: in AWS, tables come from infrastructure code; the local run and the
 *     tests turn it on)
 * @param usersTable the DynamoDB table of accounts (default {@code brmh-users})
 */
@ConfigurationProperties("brmh.dynamodb")
public record DynamoDbConfiguration(
    @Bindable(defaultValue = "false") boolean createTables,
    @Bindable(defaultValue = "brmh-users") String usersTable) {}
