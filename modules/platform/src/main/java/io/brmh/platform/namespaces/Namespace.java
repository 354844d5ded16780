package io.brmh.platform.namespaces;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A namespace, with the original's field names ({@code namespace-id}, {@code namespace-name}, …) so
 * that its clients keep working. Its name is unique and is the {@code project} of its caches.
 *
 * @param version moves on every change; an update names the version it changes ({@code If-Match})
 */
@Serdeable
@Schema(
    description =
        "A namespace, with the original's field names (`namespace-id`, `namespace-name`, ...) so"
            + " that its clients keep working. Its name is unique and is the `project` of its"
            + " caches.")
public record Namespace(
    @JsonProperty("namespace-id") String id,
    @JsonProperty("namespace-name") String name,
    @JsonProperty("namespace-url") @Nullable String url,
    List<String> tags,
    @JsonProperty("icon-url") @Nullable String iconUrl,
    @JsonProperty("namespace-description") @Nullable String description,
    @Schema(
            description =
                "moves on every change; an update names the version it changes (`If-Match`)")
        long version,
    @JsonProperty("created-by") String createdBy,
    @JsonProperty("created-at") Instant createdAt,
    @JsonProperty("updated-at") Instant updatedAt,
    @JsonProperty("namespace-status")
        @Schema(
            description =
                "`ready`; `deleting` or `copying` while the job in `namespace-job-id` works on it,"
                    + " when nothing in it can be changed")
        String status,
    @JsonProperty("namespace-job-id")
        @Schema(description = "the job deleting the namespace or copying into it")
        @Nullable
        String jobId) {
  public static final String READY = "ready";
  public static final String DELETING = "deleting";
  public static final String COPYING = "copying";

  /** Whether a job is deleting the namespace or copying into it. */
  public boolean isBusy() {
    return !READY.equals(status);
  }

  /** The strong entity tag of this version, for {@code ETag} and {@code If-Match}. */
  public String etag() {
    return "\"" + version + "\"";
  }
}
