package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Cache a whole table (the original's body). Values left out come from the table's active cache
 * configuration for the project.
 *
 * @param project the project whose keys hold the table
 * @param table the DynamoDB table
 * @param recordsPerKey 1 for one item per key, more for chunks; must match the configuration
 * @param ttl seconds each written key lives; 0 for no expiry
 */
@Serdeable
record CacheTableRequest(
    @NotNull
        @Size(max = CacheNames.PROJECT_MAX_LENGTH)
        @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
        String project,
    @NotNull
        @Size(max = CacheNames.TABLE_MAX_LENGTH)
        @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
        String table,
    @Nullable @Min(1) @Max(10_000) Integer recordsPerKey,
    @Nullable @Min(0) @Max(31_536_000) Long ttl) {}
