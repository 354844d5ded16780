package io.brmh.platform.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A schema of a namespace, flat with the original's field names.
 *
 * @param schema the JSON Schema, as written (numbers with every digit)
 * @param provenance for a schema an import made: where it came from; null for one a user wrote
 * @param version moves on every change; an update names the version it changes ({@code If-Match})
 */
@Serdeable
@Schema(description = "A schema of a namespace, flat with the original's field names.")
public record NamespaceSchema(
    String id,
    String namespaceId,
    String schemaName,
    @Nullable String methodId,
    @Nullable String methodName,
    @Nullable String schemaType,
    @Schema(description = "the JSON Schema, as written (numbers with every digit)") Object schema,
    @JsonProperty("isArray") boolean isArray,
    @Nullable String originalType,
    @Nullable String url,
    @Nullable String duplicatedFrom,
    @Schema(
            description =
                "where an imported schema came from: source-url, content-hash, format, importer,"
                    + " importer-version, imported-at, job-id, key, data-hash")
        @Nullable
        Map<String, Object> provenance,
    @Schema(
            description =
                "moves on every change; an update names the version it changes (`If-Match`)")
        long version,
    Instant createdAt,
    Instant updatedAt) {

  /** The strong entity tag of this version. */
  public String etag() {
    return "\"" + version + "\"";
  }

  public NamespaceSchema withSchema(Object resolved) {
    return new NamespaceSchema(
        id,
        namespaceId,
        schemaName,
        methodId,
        methodName,
        schemaType,
        resolved,
        isArray,
        originalType,
        url,
        duplicatedFrom,
        provenance,
        version,
        createdAt,
        updatedAt);
  }
}
