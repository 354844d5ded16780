package io.brmh.gateway.schemas;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/**
 * The original's unified schema routes: JSON Schema (drafts 7 and 2020-12) per namespace, read by
 * its viewers and changed by its editors; faults answer 400 with a JSON Pointer each.
 */
@Controller("/unified/schema")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "schemas")
@Secured(Roles.USER)
class SchemasController {
  private static final String ID = SchemaRequests.UUID;
  private static final String ID_MESSAGE = SchemaRequests.UUID_MESSAGE;
  private static final String IDS = "(" + ID + ")(," + ID + "){0,49}";
  private static final String IDS_MESSAGE = "must be up to 50 ids (UUIDs), separated by commas";

  private final SchemaService schemas;
  private final NamespaceAccess access;

  SchemasController(SchemaService schemas, NamespaceAccess access) {
    this.schemas = schemas;
    this.access = access;
  }

  @Post
  @Operation(summary = "Create a schema in a namespace (editor)")
  @ApiResponse(
      responseCode = "200",
      description = "Created: its id (the original's answer), with Location and ETag",
      content = @Content(schema = @Schema(implementation = SchemaRequests.Created.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid input, or an invalid schema: a JSON Pointer per fault (problem+json)")
  HttpResponse<SchemaRequests.Created> create(
      @Body @Valid SchemaRequests.NewSchema request, Authentication caller) {
    access.requireById(caller, request.namespaceId(), NamespaceRole.EDITOR);
    NamespaceSchema created = schemas.create(request);
    return HttpResponse.ok(new SchemaRequests.Created(created.id()))
        .header(HttpHeaders.LOCATION, "/unified/schema/" + created.id())
        .header(HttpHeaders.ETAG, created.etag());
  }

  @Get
  @Operation(summary = "A namespace's schemas, a page at a time (viewer)")
  @ApiResponse(
      responseCode = "200",
      description = "A page of schemas",
      headers = {
        @Header(name = "Link", description = "<…>; rel=\"next\" when there may be more"),
        @Header(name = "X-Next-Page-Token", description = "the next page's pageToken")
      })
  HttpResponse<List<NamespaceSchema>> list(
      @QueryValue @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    SchemaStore.SchemaPage page = schemas.list(namespaceId, limit, pageToken);
    MutableHttpResponse<List<NamespaceSchema>> response = HttpResponse.ok(page.items());
    if (page.nextPageToken() != null) {
      URI next =
          UriBuilder.of("/unified/schema")
              .queryParam("namespaceId", namespaceId)
              .queryParam("limit", limit)
              .queryParam("pageToken", page.nextPageToken())
              .build();
      response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
      response.header("X-Next-Page-Token", page.nextPageToken());
    }
    return response;
  }

  @Get("/selection")
  @Operation(
      summary =
          "Schemas of the namespaces named (namespaceId, namespaceIds, contextNamespaceIds, minus"
              + " droppedNamespaceIds; comma-separated) whose name or method name contains search"
              + " (viewer of each)")
  @ApiResponse(responseCode = "400", description = "No namespace named (problem+json)")
  SchemaRequests.Selection selection(
      @QueryValue @Nullable @Size(max = 256) String search,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE)
          String namespaceId,
      @QueryValue @Nullable @Size(max = 1900) @Pattern(regexp = IDS, message = IDS_MESSAGE)
          String namespaceIds,
      @QueryValue @Nullable @Size(max = 1900) @Pattern(regexp = IDS, message = IDS_MESSAGE)
          String contextNamespaceIds,
      @QueryValue @Nullable @Size(max = 1900) @Pattern(regexp = IDS, message = IDS_MESSAGE)
          String droppedNamespaceIds,
      Authentication caller) {
    java.util.Set<String> searched = new java.util.LinkedHashSet<>();
    if (namespaceId != null) {
      searched.add(namespaceId);
    }
    searched.addAll(ids(namespaceIds));
    searched.addAll(ids(contextNamespaceIds));
    ids(droppedNamespaceIds).forEach(searched::remove);
    if (searched.isEmpty()) {
      throw io.brmh.platform.problem.ProblemException.invalidField(
          "namespaceId", "name at least one namespace to search (namespaceId or namespaceIds)");
    }
    searched.forEach(id -> access.requireById(caller, id, NamespaceRole.VIEWER));
    return schemas.select(searched, search, limit);
  }

  private static List<String> ids(@Nullable String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : List.of(commaSeparated.split(","));
  }

  @Get("/{schemaId}")
  @Operation(summary = "One schema, with its ETag (viewer)")
  @ApiResponse(responseCode = "404", description = "No such schema (problem+json)")
  HttpResponse<NamespaceSchema> get(
      @Pattern(regexp = ID, message = ID_MESSAGE) String schemaId, Authentication caller) {
    NamespaceSchema schema = readable(schemaId, caller);
    return HttpResponse.ok(schema).header(HttpHeaders.ETAG, schema.etag());
  }

  @Get("/{schemaId}/resolved")
  @Operation(
      summary =
          "One schema with the namespace's schemas it refers to inlined, recursively (viewer)")
  @ApiResponse(
      responseCode = "400",
      description = "A reference names no schema of the namespace, or refers in a cycle")
  @ApiResponse(responseCode = "404", description = "No such schema (problem+json)")
  NamespaceSchema resolved(
      @Pattern(regexp = ID, message = ID_MESSAGE) String schemaId,
      @QueryValue(defaultValue = "true") boolean resolveReferences,
      Authentication caller) {
    NamespaceSchema schema = readable(schemaId, caller);
    return resolveReferences ? schemas.resolved(schema) : schema;
  }

  @Put("/{schemaId}")
  @Operation(
      summary =
          "Change the fields given of the version named in If-Match; the others keep their value"
              + " (editor)")
  @ApiResponse(responseCode = "404", description = "No such schema (problem+json)")
  @ApiResponse(
      responseCode = "412",
      description = "The schema changed since that version (problem+json)")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<NamespaceSchema> update(
      @Pattern(regexp = ID, message = ID_MESSAGE) String schemaId,
      @io.micronaut.http.annotation.Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64)
          String ifMatch,
      @Body @Valid @NotNull SchemaRequests.SchemaChanges changes,
      Authentication caller) {
    NamespaceSchema current = schemas.get(schemaId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    NamespaceSchema updated = schemas.update(current, ifMatch, changes);
    return HttpResponse.ok(updated).header(HttpHeaders.ETAG, updated.etag());
  }

  @Delete("/{schemaId}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a schema (editor)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such schema (problem+json)")
  void delete(@Pattern(regexp = ID, message = ID_MESSAGE) String schemaId, Authentication caller) {
    NamespaceSchema current = schemas.get(schemaId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    schemas.delete(schemaId);
  }

  @Post("/{schemaId}/duplicate")
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Copy a schema under a new id in its namespace (editor)")
  @ApiResponse(responseCode = "404", description = "No such schema (problem+json)")
  SchemaRequests.Duplicated duplicate(
      @Pattern(regexp = ID, message = ID_MESSAGE) String schemaId,
      @Body @Valid @NotNull SchemaRequests.Duplicate request,
      Authentication caller) {
    NamespaceSchema original = schemas.get(schemaId);
    access.requireById(caller, original.namespaceId(), NamespaceRole.EDITOR);
    NamespaceSchema copy = schemas.duplicate(original, request.newName());
    return new SchemaRequests.Duplicated(true, copy, copy.id());
  }

  @Post("/generate")
  @Operation(summary = "Infer a JSON Schema (2020-12) from a sample object or array")
  SchemaRequests.Generated generate(@Body @Valid SchemaRequests.Sample request) {
    return new SchemaRequests.Generated(schemas.generate(request.data()));
  }

  @Post("/validate")
  @Operation(
      summary =
          "Check a schema, and data against it when given; namespaceId resolves references to its"
              + " schemas (viewer of it)")
  @ApiResponse(
      responseCode = "400",
      description = "The schema or the data is invalid: a JSON Pointer per fault (problem+json)")
  SchemaRequests.Checked validate(
      @Body @Valid SchemaRequests.Check request, Authentication caller) {
    if (request.namespaceId() != null) {
      access.requireById(caller, request.namespaceId(), NamespaceRole.VIEWER);
    }
    schemas.check(request);
    return new SchemaRequests.Checked(true);
  }

  /** The schema, when the caller may view its namespace. */
  private NamespaceSchema readable(String schemaId, Authentication caller) {
    NamespaceSchema schema = schemas.get(schemaId);
    access.requireById(caller, schema.namespaceId(), NamespaceRole.VIEWER);
    return schema;
  }
}
