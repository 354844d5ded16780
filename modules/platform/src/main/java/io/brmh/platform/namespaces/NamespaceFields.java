package io.brmh.platform.namespaces;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a client writes of a namespace, with the original's field names. On create the name is
 * required; on update every field left out (or null) keeps its value.
 *
 * @param name unique; the {@code project} of the namespace's caches
 * @param url the API's home page or base URL
 * @param tags free labels, at most 50
 * @param description what the namespace is for
 */
@Serdeable
@Schema(
    description =
        "What a client writes of a namespace, with the original's field names. On create the name"
            + " is required; on update every field left out (or null) keeps its value.")
public record NamespaceFields(
    @JsonProperty("namespace-name")
        @Schema(description = "unique; the `project` of the namespace's caches")
        @Nullable
        @Size(max = CacheNames.PROJECT_MAX_LENGTH)
        @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
        String name,
    @JsonProperty("namespace-url")
        @Schema(description = "the API's home page or base URL")
        @Nullable
        @Size(max = 2048)
        String url,
    // The elements' constraints are stated again for the OpenAPI document, which is built where
    // type-use annotations of this module's classes are not visible.
    @ArraySchema(
            arraySchema = @Schema(description = "free labels, at most 50"),
            schema = @Schema(minLength = 1, maxLength = 64),
            maxItems = 50)
        @Nullable
        @Size(max = 50)
        List<@NotBlank @Size(max = 64) String> tags,
    @JsonProperty("namespace-description")
        @Schema(description = "what the namespace is for")
        @Nullable
        @Size(max = 4096)
        String description) {}
