package io.brmh.gateway.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * One table change, as the original's stream Lambda posts it.
 *
 * @param type {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param newItem the item after the change, DynamoDB attribute-value JSON or plain JSON
 * @param oldItem the item before the change, same forms
 * @param tableName the table ({@code /cache/update} requires it)
 * @param extractedTableName the table, as {@code /cache-data} also accepted it
 */
@Serdeable
record ChangeRequest(
    @Nullable String type,
    @Nullable Map<String, Object> newItem,
    @Nullable Map<String, Object> oldItem,
    @Nullable String tableName,
    @Nullable String extractedTableName) {}
