package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A cache configuration as clients send it (the original's field names).
 *
 * @param tableName the DynamoDB table to cache; it must exist
 * @param project the project whose keys hold it
 * @param itemsPerKey 1 for one item per key, up to 10,000 per chunk (default 1)
 * @param timeToLive seconds each key lives, 0 for no expiry, at most a year (default 3600)
 * @param status {@code active} (default) or {@code inactive}
 * @param methodId the namespace method it belongs to, if any
 * @param accountId the namespace account it belongs to, if any
 */
@Serdeable
record CacheConfigRequest(
    @NotNull
        @Size(max = CacheNames.TABLE_MAX_LENGTH)
        @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
        String tableName,
    @NotNull
        @Size(max = CacheNames.PROJECT_MAX_LENGTH)
        @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
        String project,
    @Nullable @Min(1) @Max(10_000) Integer itemsPerKey,
    @Nullable @Min(0) @Max(31_536_000) Long timeToLive,
    @Nullable
        @Size(max = 8)
        @Pattern(regexp = "active|inactive", message = "must be active or inactive")
        String status,
    @Nullable @Size(max = 256) String methodId,
    @Nullable @Size(max = 256) String accountId) {

  static final int DEFAULT_ITEMS_PER_KEY = 1;
  static final long DEFAULT_TTL = 3600;

  CacheConfig toConfig(String id, String createdAt, String updatedAt) {
    return new CacheConfig(
        id,
        tableName,
        project,
        itemsPerKey == null ? DEFAULT_ITEMS_PER_KEY : itemsPerKey,
        timeToLive == null ? DEFAULT_TTL : timeToLive,
        status == null ? CacheConfig.ACTIVE : status,
        methodId,
        accountId,
        createdAt,
        updatedAt);
  }
}
