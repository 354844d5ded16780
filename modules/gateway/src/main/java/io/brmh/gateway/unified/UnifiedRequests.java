package io.brmh.gateway.unified;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the method and account routes, with the original's field names. */
final class UnifiedRequests {
  /** An absolute http or https URL. */
  static final String URL = "https?://[^\\s]+";

  static final String URL_MESSAGE = "must be an absolute http or https URL";

  private UnifiedRequests() {}

  /** The HTTP verbs a method may use. */
  enum HttpVerb {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
    HEAD,
    OPTIONS
  }

  /**
   * A header, query parameter or variable.
   *
   * @param secret whether the value is a credential: in an account, sealed at rest and shown
   *     masked; in a method, refused (credentials belong in accounts). Left out, a key that names a
   *     credential ({@code Authorization}, {@code X-API-Key}, {@code *token*}, {@code *secret*},
   *     {@code *password*}, {@code *key*}, {@code Cookie}) is one
   */
  @Serdeable
  record KeyValue(
      @NotBlank @Size(max = 256) String key,
      @NotNull @Size(max = 8192) String value,
      @Nullable Boolean secret) {}

  /** A method of a namespace: one call of its API. */
  @Serdeable
  record MethodFields(
      @JsonProperty("namespace-method-name") @NotBlank @Size(max = 256) String name,
      @JsonProperty("namespace-method-type") @NotNull HttpVerb type,
      @JsonProperty("namespace-method-url-override") @Nullable @Size(max = 2048) String urlOverride,
      @JsonProperty("namespace-method-queryParams") @Nullable @Size(max = 100)
          List<@NotNull @Valid KeyValue> queryParams,
      @JsonProperty("namespace-method-header") @Nullable @Size(max = 100)
          List<@NotNull @Valid KeyValue> headers,
      @JsonProperty("namespace-method-body")
          @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object body,
      @JsonProperty("save-data") @Nullable Boolean saveData,
      @Nullable Boolean isInitialized,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
      @JsonProperty("sample-request")
          @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object sampleRequest,
      @JsonProperty("sample-response")
          @Nullable
          @Schema(
              description = "any JSON value",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object sampleResponse,
      @JsonProperty("request-schema")
          @Nullable
          @Schema(
              description = "the JSON Schema of the request body; $refs name schemas by id",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object requestSchema,
      @JsonProperty("response-schema")
          @Nullable
          @Schema(
              description = "the JSON Schema of a successful answer; $refs name schemas by id",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          Object responseSchema,
      @JsonProperty("namespace-method-parameters")
          @Nullable
          @Size(max = 200)
          @Schema(
              description =
                  "every parameter as an import found it: name, in (path, query, header, cookie),"
                      + " required, description, schema",
              extensions =
                  @Extension(properties = @ExtensionProperty(name = "any-value", value = "true")))
          List<Object> parameters,
      @Nullable @Size(max = 8192) String description) {}

  /** An account of a namespace: where and as whom its methods call the API. */
  @Serdeable
  record AccountFields(
      @JsonProperty("namespace-account-name") @NotBlank @Size(max = 256) String name,
      @JsonProperty("namespace-account-url-override") @Nullable @Size(max = 2048)
          String urlOverride,
      @JsonProperty("namespace-account-header") @Nullable @Size(max = 100)
          List<@NotNull @Valid KeyValue> headers,
      @Nullable @Size(max = 100) List<@NotNull @Valid KeyValue> variables,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {}

  /**
   * A webhook of a namespace: URLs called before and after a paginated run writes to a table, of
   * the method it names or, naming none, of its table.
   */
  @Serdeable
  record WebhookFields(
      @JsonProperty("webhook-name") @NotBlank @Size(max = 256) String name,
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @jakarta.validation.constraints.Pattern(
              regexp = CacheNames.TABLE_REGEX,
              message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @JsonProperty("post-exec-url")
          @NotBlank
          @Size(max = 2048)
          @jakarta.validation.constraints.Pattern(regexp = URL, message = URL_MESSAGE)
          String postExecUrl,
      @JsonProperty("pre-exec-url")
          @Nullable
          @Size(max = 2048)
          @jakarta.validation.constraints.Pattern(regexp = URL, message = URL_MESSAGE)
          String preExecUrl,
      @JsonProperty("method-id")
          @Nullable
          @Size(max = 36)
          @jakarta.validation.constraints.Pattern(
              regexp = EntityAnswers.UUID,
              message = EntityAnswers.UUID_MESSAGE)
          String methodId,
      @JsonProperty("account-id")
          @Nullable
          @Size(max = 36)
          @jakarta.validation.constraints.Pattern(
              regexp = EntityAnswers.UUID,
              message = EntityAnswers.UUID_MESSAGE)
          String accountId,
      @Nullable WebhookStatus status,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {}

  /** A new webhook names its namespace, as the original's optional {@code namespace-id}. */
  @Serdeable
  record NewWebhook(
      @JsonProperty("namespace-id")
          @NotBlank
          @Size(max = 36)
          @jakarta.validation.constraints.Pattern(
              regexp = EntityAnswers.UUID,
              message = EntityAnswers.UUID_MESSAGE)
          String namespaceId,
      @JsonProperty("webhook-name") @NotBlank @Size(max = 256) String name,
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @jakarta.validation.constraints.Pattern(
              regexp = CacheNames.TABLE_REGEX,
              message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @JsonProperty("post-exec-url")
          @NotBlank
          @Size(max = 2048)
          @jakarta.validation.constraints.Pattern(regexp = URL, message = URL_MESSAGE)
          String postExecUrl,
      @JsonProperty("pre-exec-url")
          @Nullable
          @Size(max = 2048)
          @jakarta.validation.constraints.Pattern(regexp = URL, message = URL_MESSAGE)
          String preExecUrl,
      @JsonProperty("method-id")
          @Nullable
          @Size(max = 36)
          @jakarta.validation.constraints.Pattern(
              regexp = EntityAnswers.UUID,
              message = EntityAnswers.UUID_MESSAGE)
          String methodId,
      @JsonProperty("account-id")
          @Nullable
          @Size(max = 36)
          @jakarta.validation.constraints.Pattern(
              regexp = EntityAnswers.UUID,
              message = EntityAnswers.UUID_MESSAGE)
          String accountId,
      @Nullable WebhookStatus status,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {

    WebhookFields fields() {
      return new WebhookFields(
          name, tableName, postExecUrl, preExecUrl, methodId, accountId, status, tags);
    }
  }

  /** Whether a webhook is in use. */
  enum WebhookStatus {
    active,
    inactive
  }

  /**
   * A copy's name (left out: the original's with " (copy)"); an account's credentials are copied
   * only when {@code includeSecrets} is true and the caller owns the namespace.
   */
  @Serdeable
  record Duplicate(
      @Nullable @Size(min = 1, max = 256) String newName, @Nullable Boolean includeSecrets) {}
}
