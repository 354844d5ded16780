package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One table change, as {@code POST /cache-data} takes it; one of the two table fields names the
 * table.
 *
 * @param type {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param newItem the item after the change, DynamoDB attribute-value JSON or plain JSON
 * @param oldItem the item before the change, same forms
 * @param tableName the table, when {@code extractedTableName} is not given
 * @param extractedTableName the table, as the original's {@code /cache-data} took it
 */
@Serdeable
record ChangeRequest(
    @NotNull
        @Size(max = 6)
        @Pattern(regexp = ChangeRequest.TYPES, message = ChangeRequest.TYPE_MESSAGE)
        String type,
    @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> newItem,
    @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> oldItem,
    @Nullable
        @Size(max = CacheNames.TABLE_MAX_LENGTH)
        @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
        String tableName,
    @Nullable
        @Size(max = CacheNames.TABLE_MAX_LENGTH)
        @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
        String extractedTableName) {

  static final String TYPES = "INSERT|MODIFY|REMOVE";
  static final String TYPE_MESSAGE = "must be INSERT, MODIFY or REMOVE";
}
