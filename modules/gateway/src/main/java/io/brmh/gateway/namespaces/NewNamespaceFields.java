package io.brmh.gateway.namespaces;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.NamespaceFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new namespace as a client writes it, with the original's field names; as {@link
 * NamespaceFields}, with the name required.
 */
@Serdeable
public record NewNamespaceFields(
    @JsonProperty("namespace-name")
        @NotBlank
        @Size(max = CacheNames.PROJECT_MAX_LENGTH)
        @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
        String name,
    @JsonProperty("namespace-url") @Nullable @Size(max = 2048) String url,
    @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
    @JsonProperty("namespace-description") @Nullable @Size(max = 4096) String description) {

  NamespaceFields fields() {
    return new NamespaceFields(name, url, tags, description);
  }
}
