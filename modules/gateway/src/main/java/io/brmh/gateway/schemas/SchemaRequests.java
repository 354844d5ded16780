package io.brmh.gateway.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.schemas.NamespaceSchema;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The bodies of the schema routes, with the original's field names. */
final class SchemaRequests {
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String UUID_MESSAGE = "must be an id (a UUID)";

  private SchemaRequests() {}

  /** A new schema of a namespace. */
  @Serdeable
  record NewSchema(
      @NotBlank @Size(max = 36) @Pattern(regexp = UUID, message = UUID_MESSAGE) String namespaceId,
      @NotBlank @Size(max = 256) String schemaName,
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> schema,
      @Nullable @Size(max = 128) String methodId,
      @Nullable @Size(max = 256) String methodName,
      @Nullable @Size(max = 64) String schemaType,
      @JsonProperty("isArray") @Nullable Boolean isArray,
      @Nullable @Size(max = 64) String originalType,
      @Nullable @Size(max = 2048) String url) {}

  /** The fields to change; those left out keep their value. */
  @Serdeable
  record SchemaChanges(
      @Nullable @Size(min = 1, max = 256) String schemaName,
      @Nullable
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> schema,
      @JsonProperty("isArray") @Nullable Boolean isArray,
      @Nullable @Size(max = 64) String originalType,
      @Nullable @Size(max = 2048) String url) {}

  /** A copy's name; left out, the original's name with " (copy)". */
  @Serdeable
  record Duplicate(@Nullable @Size(min = 1, max = 256) String newName) {}

  /** A sample to infer a schema from. */
  @Serdeable
  record Sample(
      @NotNull
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object data) {}

  /**
   * A schema to check, and data to check against it; with a namespace, its schemas resolve the
   * schema's references.
   */
  @Serdeable
  record Check(
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> schema,
      @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object data,
      @Nullable @Size(max = 36) @Pattern(regexp = UUID, message = UUID_MESSAGE)
          String namespaceId) {}

  /** A schema as the selection lists it. */
  @Serdeable
  record Selected(
      String id,
      String schemaName,
      @Nullable String methodName,
      String namespaceId,
      @Nullable String description) {}

  /**
   * The original's selection answer: the first {@code limit} matches, how many matched among the
   * schemas looked at, and (new) whether the look stopped at its bound before the end.
   */
  @Serdeable
  record Selection(List<Selected> schemas, int total, int limit, boolean truncated) {}

  /** The original's answer to a schema made: its id. */
  @Serdeable
  record Created(String schemaId) {}

  /** The original's answer to a schema copied. */
  @Serdeable
  record Duplicated(boolean success, NamespaceSchema schema, String schemaId) {}

  /** A schema inferred from a sample. */
  @Serdeable
  record Generated(Object schema) {}

  /** A schema that is valid, and data (when given) that it accepts. */
  @Serdeable
  record Checked(boolean valid) {}
}
