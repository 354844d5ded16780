package io.brmh.gateway.namespaces;

import io.brmh.platform.namespaces.ImageTypes;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceIcons;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A namespace's icon, in S3: uploaded as the image's bytes, served to the namespace's viewers with
 * the media type read from those bytes and headers that keep a browser from treating it as anything
 * else. Replacing the original's {@code /api/icon/{any key}}, which served any file of the bucket.
 */
@Controller("/unified/namespaces/{namespaceId}/icon")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "namespaces")
@Secured(Roles.USER)
class NamespaceIconsController {
  private static final String ICON_ID =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final NamespaceService namespaces;
  private final NamespaceAccess access;

  NamespaceIconsController(NamespaceService namespaces, NamespaceAccess access) {
    this.namespaces = namespaces;
    this.access = access;
  }

  @Put(consumes = MediaType.ALL)
  @Operation(
      summary =
          "Give the version named in If-Match a new icon: the body is the image ("
              + ImageTypes.ACCEPTED
              + ", at most brmh.namespaces.icon-max-bytes), its type read from its bytes (editor)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM,
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "412", description = "The namespace changed since that version")
  @ApiResponse(responseCode = "413", description = "The icon is larger than allowed")
  @ApiResponse(responseCode = "415", description = "The body is no image BRMH accepts")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<Namespace> upload(
      @Pattern(
              regexp = UnifiedNamespacesController.ID,
              message = UnifiedNamespacesController.ID_MESSAGE)
          String namespaceId,
      @Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64) String ifMatch,
      @Body @Nullable byte[] image,
      Authentication caller) {
    // Nullable so that the path is checked first; an upload without bytes is refused by name here.
    if (image == null || image.length == 0) {
      throw ProblemException.invalidField("body", "is required: the image's bytes");
    }
    access.requireById(caller, namespaceId, NamespaceRole.EDITOR);
    Namespace changed = namespaces.setIcon(namespaceId, ifMatch, image);
    return HttpResponse.ok(changed).header(HttpHeaders.ETAG, changed.etag());
  }

  @Delete
  @Operation(summary = "Remove the icon of the version named in If-Match (editor)")
  @ApiResponse(responseCode = "412", description = "The namespace changed since that version")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<Namespace> remove(
      @Pattern(
              regexp = UnifiedNamespacesController.ID,
              message = UnifiedNamespacesController.ID_MESSAGE)
          String namespaceId,
      @Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64) String ifMatch,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.EDITOR);
    Namespace changed = namespaces.setIcon(namespaceId, ifMatch, null);
    return HttpResponse.ok(changed).header(HttpHeaders.ETAG, changed.etag());
  }

  @Get("/{iconId}")
  @Operation(
      summary =
          "The icon at a namespace's icon-url (viewer); a new upload has a new URL, so it may be"
              + " cached for good")
  @ApiResponse(
      responseCode = "200",
      description = "The image",
      content =
          @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "404", description = "No such icon (problem+json)")
  HttpResponse<byte[]> read(
      @Pattern(
              regexp = UnifiedNamespacesController.ID,
              message = UnifiedNamespacesController.ID_MESSAGE)
          String namespaceId,
      @Pattern(regexp = ICON_ID, message = "must be an icon id") String iconId,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    NamespaceIcons.Icon icon = namespaces.icon(namespaceId, iconId);
    return HttpResponse.ok(icon.bytes())
        .contentType(icon.contentType())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable");
  }
}
