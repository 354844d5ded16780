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
 * One table change, as the original's stream Lambda posts it to {@code POST /cache/update}: the
 * table is always {@code tableName}.
 *
 * @param type {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param newItem the item after the change, DynamoDB attribute-value JSON or plain JSON
 * @param oldItem the item before the change, same forms
 * @param tableName the table
 */
@Serdeable
record StreamChangeRequest(
    @NotNull
        @Size(max = 6)
        @Pattern(regexp = ChangeRequest.TYPES, message = ChangeRequest.TYPE_MESSAGE)
        String type,
    @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> newItem,
    @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> oldItem,
    @NotNull
        @Size(max = CacheNames.TABLE_MAX_LENGTH)
        @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
        String tableName) {

  ChangeRequest toChange() {
    return new ChangeRequest(type, newItem, oldItem, tableName, null);
  }
}
