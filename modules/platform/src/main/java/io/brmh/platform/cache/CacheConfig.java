package io.brmh.platform.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How one DynamoDB table is cached for one project. Stored in the table {@code brmh-cache} with the
 * original's field names, so existing rows keep working.
 *
 * @param id the configuration's id (a UUID)
 * @param tableName the DynamoDB table that is cached
 * @param project the project whose keys hold it: {@code {project}:{tableName}:...}
 * @param itemsPerKey 1 caches one item per key; more caches chunks of that many items
 * @param timeToLive seconds each key lives after it is written; 0 for no expiry
 * @param status {@code active} or {@code inactive}; only active ones follow their table
 * @param methodId the namespace method it belongs to in the UI, if any
 * @param accountId the namespace account it belongs to in the UI, if any
 * @param createdAt ISO-8601 creation time
 * @param updatedAt ISO-8601 time of the last change
 */
@Serdeable
public record CacheConfig(
    String id,
    String tableName,
    String project,
    int itemsPerKey,
    long timeToLive,
    String status,
    @Nullable String methodId,
    @Nullable String accountId,
    String createdAt,
    String updatedAt) {
  public static final String ACTIVE = "active";
  public static final String INACTIVE = "inactive";

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  public CacheKeys keys() {
    return new CacheKeys(project, tableName);
  }
}
