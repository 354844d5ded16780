package io.brmh.platform.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The DynamoDB tables the cache pipeline keeps its own state in ({@code brmh.cache.*}).
 *
 * @param configsTable cache configurations, one item per project and table (default {@code
 *     brmh-cache})
 * @param loadsTable checkpoints of bulk loads, so a load resumes after a crash (default {@code
 *     brmh-cache-loads})
 */
@ConfigurationProperties("brmh.cache")
public record CacheTablesConfiguration(
    @Bindable(defaultValue = "brmh-cache") String configsTable,
    @Bindable(defaultValue = "brmh-cache-loads") String loadsTable) {}
