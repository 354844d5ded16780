package io.brmh.gateway.namespaces;

import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/**
 * The original's unified namespace routes, with its field names: lists are arrays as before, the
 * next page linked in {@code Link} (and its token in {@code X-Next-Page-Token}); every change names
 * the version it changes in {@code If-Match}.
 */
@Controller("/unified/namespaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "namespaces")
@Secured(Roles.USER)
class UnifiedNamespacesController {
  /** Namespace ids are UUIDs: no path can address the model's bookkeeping items. */
  static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static final String ID_MESSAGE = "must be a namespace id";
  static final String NEXT_PAGE_TOKEN = "X-Next-Page-Token";

  private final NamespaceService namespaces;
  private final NamespaceAccess access;

  UnifiedNamespacesController(NamespaceService namespaces, NamespaceAccess access) {
    this.namespaces = namespaces;
    this.access = access;
  }

  @Get
  @Operation(
      summary =
          "Namespaces the caller holds a role in (administrators: all), a page at a time; name"
              + " keeps those whose name contains it")
  @ApiResponse(
      responseCode = "200",
      description = "A page of namespaces",
      headers = {
        @Header(name = "Link", description = "<…>; rel=\"next\" when there may be more"),
        @Header(name = NEXT_PAGE_TOKEN, description = "the next page's pageToken")
      })
  HttpResponse<List<Namespace>> list(
      @QueryValue @Nullable @Size(max = 128) String name,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    NamespacePage page = namespaces.list(caller, name, limit, pageToken);
    MutableHttpResponse<List<Namespace>> response = HttpResponse.ok(page.items());
    if (page.nextPageToken() != null) {
      UriBuilder next =
          UriBuilder.of("/unified/namespaces")
              .queryParam("limit", limit)
              .queryParam("pageToken", page.nextPageToken());
      if (name != null) {
        next.queryParam("name", name);
      }
      response.header(HttpHeaders.LINK, "<" + next.build() + ">; rel=\"next\"");
      response.header(NEXT_PAGE_TOKEN, page.nextPageToken());
    }
    return response;
  }

  @Post
  @Operation(summary = "Create a namespace; the caller owns it")
  @ApiResponse(
      responseCode = "201",
      description = "Created, with its ETag",
      content = @Content(schema = @Schema(implementation = Namespace.class)))
  @ApiResponse(responseCode = "409", description = "The name is taken (problem+json)")
  HttpResponse<Namespace> create(@Body @Valid NewNamespaceFields fields, Authentication caller) {
    Namespace created = namespaces.create(fields.fields(), caller);
    return HttpResponse.created(created, URI.create("/unified/namespaces/" + created.id()))
        .header(HttpHeaders.ETAG, created.etag());
  }

  @Get("/{namespaceId}")
  @Operation(summary = "One namespace, with its ETag (viewer)")
  @ApiResponse(responseCode = "404", description = "No such namespace (problem+json)")
  HttpResponse<Namespace> get(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId, Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    Namespace namespace = namespaces.get(namespaceId);
    return HttpResponse.ok(namespace).header(HttpHeaders.ETAG, namespace.etag());
  }

  @Put("/{namespaceId}")
  @Operation(
      summary =
          "Change the fields given of the version named in If-Match; the others keep their value"
              + " (editor)")
  @ApiResponse(responseCode = "404", description = "No such namespace (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "The new name is taken, or the namespace has caches (problem+json)")
  @ApiResponse(
      responseCode = "412",
      description = "The namespace changed since that version (problem+json)")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<Namespace> update(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @io.micronaut.http.annotation.Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64)
          String ifMatch,
      @Body @Valid @NotNull NamespaceFields changes,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.EDITOR);
    Namespace updated = namespaces.update(namespaceId, ifMatch, changes);
    return HttpResponse.ok(updated).header(HttpHeaders.ETAG, updated.etag());
  }
}
