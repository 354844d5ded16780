package io.brmh.gateway.execute;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of the execute routes. */
final class ExecuteRequests {
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String UUID_MESSAGE = "must be a UUID";

  private ExecuteRequests() {}

  /** One named value: a path or query parameter, or a header. */
  @Serdeable
  record Entry(@NotBlank @Size(max = 256) String key, @NotNull @Size(max = 8192) String value) {}

  static Map<String, String> map(@Nullable List<Entry> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    if (entries != null) {
      entries.forEach(entry -> map.put(entry.key(), entry.value()));
    }
    return map;
  }

  /**
   * One call of a namespace method on one of its accounts.
   *
   * @param pathParams values of the method path's {@code {parameters}}
   * @param queryParams on top of the method's
   * @param headers on top of the method's; the account's headers win over both
   * @param body in place of the method's, for verbs other than GET and HEAD
   */
  @Serdeable
  record Execute(
      @NotNull @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String methodId,
      @NotNull @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String accountId,
      @Nullable @Size(max = 50) List<@NotNull @Valid Entry> pathParams,
      @Nullable @Size(max = 100) List<@NotNull @Valid Entry> queryParams,
      @Nullable @Size(max = 100) List<@NotNull @Valid Entry> headers,
      @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object body) {}

  /** How a paginated run finds the next page. */
  enum PaginationType {
    auto,
    link,
    cursor,
    token,
    page,
    offset,
    none
  }

  /** Where a cursor or token is. */
  enum NextPageIn {
    body,
    header
  }

  /**
   * A run of a namespace method page after page into a table of the namespace.
   *
   * @param tableName a table of the method's namespace, keyed by one attribute
   */
  @Serdeable
  record Paginated(
      @NotNull @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String methodId,
      @NotNull @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String accountId,
      @NotBlank @Size(max = 255) String tableName,
      @Nullable @Size(max = 50) List<@NotNull @Valid Entry> pathParams,
      @Nullable @Size(max = 100) List<@NotNull @Valid Entry> queryParams,
      @Schema(description = "default auto: found from the first answer") @Nullable
          PaginationType paginationType,
      @Nullable NextPageIn nextPageIn,
      @Nullable @Size(max = 256) String nextPageField,
      @Nullable @Size(max = 256) String tokenParam,
      @Nullable @Size(max = 256) String pageParam,
      @Nullable @Size(max = 256) String limitParam,
      @Nullable @Min(1) @Max(10000) Integer pageSize,
      @Nullable @Size(max = 256) String itemsField,
      @Nullable @Size(max = 256) String idField,
      @Nullable @Min(1) @Max(1000000) Integer maxPages,
      @Nullable Boolean stopOnExisting) {}

  /** The original's kinds of {@code POST /execute}. */
  enum ExecuteType {
    namespace,
    single,
    sync,
    @JsonProperty("get-all")
    getAll
  }

  /**
   * The original's {@code POST /execute}: {@code namespace} calls a method once; {@code sync} and
   * {@code get-all} run it page by page into {@code tableName} (sync: stopping at the first item
   * the table holds); {@code single} calls an address once with the caller's own headers.
   */
  @Serdeable
  record Legacy(
      @Schema(description = "what the request does; the original defaulted to single") @NotNull
          ExecuteType executeType,
      @Nullable @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String methodId,
      @Nullable @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String accountId,
      @Nullable @Pattern(regexp = UUID, message = UUID_MESSAGE) @Size(max = 36) String namespaceId,
      @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object requestBody,
      @Nullable @Size(max = 255) String tableName,
      @Nullable @Size(max = 256) String idField,
      @Nullable Boolean stopOnExisting,
      @Nullable @Min(1) @Max(1000000) Integer maxPages,
      @Nullable NextPageIn nextPageIn,
      @Nullable @Size(max = 256) String nextPageField,
      @Nullable @Size(max = 256) String tokenParam,
      @Nullable @Size(max = 16) String method,
      @Nullable @Size(max = 2048) String url,
      @Nullable @Size(max = 100) List<@NotNull @Valid Entry> headers,
      @Nullable @Size(max = 100) List<@NotNull @Valid Entry> queryParams,
      @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object body) {}
}
