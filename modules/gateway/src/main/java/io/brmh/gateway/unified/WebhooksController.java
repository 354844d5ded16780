package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.WebhookSigning;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/**
 * The original's webhook routes: a namespace's webhooks, read by its viewers and changed by its
 * editors. Every listing is a page of one namespace's webhooks (the original scanned them all). The
 * scrape worker calls them around paginated runs, signed with a secret only editors see.
 */
@Controller("/unified/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
@Secured(Roles.USER)
class WebhooksController {
  private static final String ID = EntityAnswers.UUID;
  private static final String ID_MESSAGE = EntityAnswers.UUID_MESSAGE;

  private final NamespaceEntityService entities;
  private final NamespaceAccess access;
  private final WebhookSigning signing;

  WebhooksController(
      NamespaceEntityService entities, NamespaceAccess access, WebhookSigning signing) {
    this.entities = entities;
    this.access = access;
    this.signing = signing;
  }

  @Get
  @Operation(summary = "A namespace's webhooks, a page at a time (viewer)")
  HttpResponse<List<Map<String, Object>>> list(
      @QueryValue @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE)
          String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    return page(caller, namespaceId, limit, pageToken, null, null, "/unified/webhooks");
  }

  @Get("/namespace/{namespaceId}")
  @Operation(summary = "The original's listing by namespace: as GET /unified/webhooks (viewer)")
  HttpResponse<List<Map<String, Object>>> byNamespace(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    return page(
        caller,
        namespaceId,
        limit,
        pageToken,
        null,
        null,
        "/unified/webhooks/namespace/" + namespaceId);
  }

  @Get("/active")
  @Operation(summary = "A namespace's active webhooks (viewer); a page may hold fewer than limit")
  HttpResponse<List<Map<String, Object>>> active(
      @QueryValue @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE)
          String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    return page(
        caller, namespaceId, limit, pageToken, "status", "active", "/unified/webhooks/active");
  }

  @Get("/table/{tableName}")
  @Operation(summary = "A namespace's webhooks of one table (viewer)")
  HttpResponse<List<Map<String, Object>>> byTable(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @QueryValue @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE)
          String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    return page(
        caller,
        namespaceId,
        limit,
        pageToken,
        "tableName",
        tableName,
        "/unified/webhooks/table/" + tableName);
  }

  @Get("/method/{methodId}")
  @Operation(summary = "The webhooks of one method, in its namespace (viewer)")
  @ApiResponse(responseCode = "404", description = "No such method (problem+json)")
  HttpResponse<List<Map<String, Object>>> byMethod(
      @Pattern(regexp = ID, message = ID_MESSAGE) String methodId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    String namespaceId = entities.get(EntityKind.METHOD, methodId).namespaceId();
    return page(
        caller,
        namespaceId,
        limit,
        pageToken,
        "method-id",
        methodId,
        "/unified/webhooks/method/" + methodId);
  }

  @Post
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Create a webhook in the namespace it names (editor)")
  HttpResponse<Map<String, Object>> create(
      @Body @Valid UnifiedRequests.NewWebhook request, Authentication caller) {
    access.requireById(caller, request.namespaceId(), NamespaceRole.EDITOR);
    NamespaceEntity created = entities.createWebhook(request.namespaceId(), request.fields());
    return EntityAnswers.one(created)
        .status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/unified/webhooks/" + created.id());
  }

  @Get("/{webhookId}")
  @Operation(summary = "One webhook, with its ETag (viewer)")
  @ApiResponse(responseCode = "404", description = "No such webhook (problem+json)")
  HttpResponse<Map<String, Object>> get(
      @Pattern(regexp = ID, message = ID_MESSAGE) String webhookId, Authentication caller) {
    NamespaceEntity webhook = entities.get(EntityKind.WEBHOOK, webhookId);
    access.requireById(caller, webhook.namespaceId(), NamespaceRole.VIEWER);
    return EntityAnswers.one(webhook);
  }

  @Get("/signing-secret/{webhookId}")
  @Operation(
      summary = "The webhook's signing secret, to check its calls' X-BRMH-Signature (editor)",
      description =
          "Every call of the webhook carries X-BRMH-Timestamp (epoch seconds) and X-BRMH-Signature:"
              + " `sha256=` and the hex HMAC-SHA256, keyed by this secret's UTF-8 bytes, of the"
              + " timestamp, a dot and the raw body. Compare in constant time and refuse old"
              + " timestamps. The secret stays the same while the webhook exists.")
  @ApiResponse(responseCode = "404", description = "No such webhook (problem+json)")
  HttpResponse<Map<String, Object>> signingSecret(
      @Pattern(regexp = ID, message = ID_MESSAGE) String webhookId, Authentication caller) {
    NamespaceEntity webhook = entities.get(EntityKind.WEBHOOK, webhookId);
    access.requireById(caller, webhook.namespaceId(), NamespaceRole.EDITOR);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("webhook-id", webhookId);
    answer.put("signing-secret", signing.secretOf(webhookId));
    answer.put("signature-header", WebhookSigning.SIGNATURE_HEADER);
    answer.put("timestamp-header", WebhookSigning.TIMESTAMP_HEADER);
    answer.put("signed", "<timestamp>.<body>");
    answer.put("algorithm", "HMAC-SHA256, hex, prefixed sha256=");
    return HttpResponse.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  @Put("/{webhookId}")
  @Operation(summary = "Replace the version named in If-Match (editor)")
  @ApiResponse(responseCode = "404", description = "No such webhook (problem+json)")
  @ApiResponse(
      responseCode = "412",
      description = "The webhook changed since that version (problem+json)")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<Map<String, Object>> replace(
      @Pattern(regexp = ID, message = ID_MESSAGE) String webhookId,
      @Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64) String ifMatch,
      @Body @Valid @NotNull UnifiedRequests.WebhookFields fields,
      Authentication caller) {
    NamespaceEntity current = entities.get(EntityKind.WEBHOOK, webhookId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    return EntityAnswers.one(entities.replaceWebhook(current, ifMatch, fields));
  }

  @Delete("/{webhookId}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a webhook (editor)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such webhook (problem+json)")
  void delete(@Pattern(regexp = ID, message = ID_MESSAGE) String webhookId, Authentication caller) {
    NamespaceEntity current = entities.get(EntityKind.WEBHOOK, webhookId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    entities.delete(EntityKind.WEBHOOK, webhookId);
  }

  private HttpResponse<List<Map<String, Object>>> page(
      Authentication caller,
      String namespaceId,
      int limit,
      @Nullable String pageToken,
      @Nullable String field,
      @Nullable String value,
      String path) {
    access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    NamespaceEntityStore.EntityPage page =
        entities.webhooks(namespaceId, limit, pageToken, field, value);
    Map<String, String> query =
        path.contains("/namespace/") || path.contains("/method/")
            ? Map.of()
            : Map.of("namespaceId", namespaceId);
    return EntityAnswers.page(page, path, query, limit);
  }
}
