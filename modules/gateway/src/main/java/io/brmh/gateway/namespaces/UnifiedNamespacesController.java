package io.brmh.gateway.namespaces;

import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.namespaces.ImageTypes;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
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
import java.util.concurrent.CompletableFuture;

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
  private final NamespaceJobs jobs;
  private final AcceptedJobs accepted;
  private final NamespaceForms forms;

  UnifiedNamespacesController(
      NamespaceService namespaces,
      NamespaceAccess access,
      NamespaceJobs jobs,
      AcceptedJobs accepted,
      NamespaceForms forms) {
    this.forms = forms;
    this.namespaces = namespaces;
    this.access = access;
    this.jobs = jobs;
    this.accepted = accepted;
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
    return created(namespaces.create(fields.fields(), caller));
  }

  @Post(consumes = MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary =
          "Create a namespace from the original's form: its fields as parts, tags as a JSON array"
              + " or a comma-separated list, and an optional icon ("
              + ImageTypes.ACCEPTED
              + ", its type read from its bytes); the caller owns it")
  @ApiResponse(
      responseCode = "201",
      description = "Created, with its ETag",
      content = @Content(schema = @Schema(implementation = Namespace.class)))
  @ApiResponse(responseCode = "409", description = "The name is taken (problem+json)")
  @ApiResponse(responseCode = "413", description = "The icon is larger than allowed")
  @ApiResponse(responseCode = "415", description = "The icon is no image BRMH accepts")
  HttpResponse<Namespace> createFromForm(
      @Part("namespace-name") @Nullable String name,
      @Part("namespace-url") @Nullable String url,
      @Part("tags") @Nullable String tags,
      @Part("namespace-description") @Nullable String description,
      // Bytes, not a file upload: a browser sends an empty part (no file name, no bytes) for a
      // file input left empty, which Micronaut cannot read as a file; that is no icon.
      @Part("icon") @Nullable byte[] icon,
      Authentication caller) {
    NewNamespaceFields fields =
        forms.fields(new NewNamespaceFields(name, url, forms.tags(tags), description));
    return created(
        namespaces.create(fields.fields(), icon == null || icon.length == 0 ? null : icon, caller));
  }

  private static HttpResponse<Namespace> created(Namespace created) {
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

  @Delete("/{namespaceId}")
  @Operation(
      summary =
          "Delete the namespace with its schemas, methods, accounts, webhooks, member roles and"
              + " cache configurations (each cache cleared by a cache.clear job), and its tables"
              + " when deleteTables (otherwise they stay in DynamoDB, in no namespace): 202 with a"
              + " namespace.delete job (owner). The name is free once the job succeeded; until"
              + " then nothing in the namespace can change.")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "404", description = "No such namespace (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "A job deletes or copies into it already (problem+json)")
  CompletableFuture<HttpResponse<Job>> delete(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "false") boolean deleteTables,
      @io.micronaut.http.annotation.Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.OWNER);
    return accepted.respond(jobs.delete(namespaceId, deleteTables, caller), prefer);
  }

  @Post("/{namespaceId}/duplicate")
  @Operation(
      summary =
          "Copy the namespace into a new one the caller owns, named newName (default"
              + " <name>-copy): its methods, accounts, webhooks, schemas and tables under new ids,"
              + " every reference between them re-linked; 202 with a namespace.duplicate job whose"
              + " result names the copy (viewer; includeSecrets: owner). Accounts' credentials are"
              + " copied only with includeSecrets; tables' items unless includeItems is false.")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; the copy exists, marked copying, until the job ends",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "404", description = "No such namespace (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "The new name is taken, or a job works on the namespace (problem+json)")
  CompletableFuture<HttpResponse<Job>> duplicate(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @Body @Valid @NotNull DuplicateNamespace request,
      @io.micronaut.http.annotation.Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    boolean secrets = Boolean.TRUE.equals(request.includeSecrets());
    access.requireById(caller, namespaceId, secrets ? NamespaceRole.OWNER : NamespaceRole.VIEWER);
    Job job =
        jobs.duplicate(
            namespaceId,
            request.newName(),
            secrets,
            !Boolean.FALSE.equals(request.includeItems()),
            caller);
    return accepted.respond(job, prefer);
  }

  /**
   * What a namespace's copy is made of.
   *
   * @param newName the copy's name, unique; default the original's with {@code -copy}
   * @param includeSecrets copy the accounts' credentials too (owner only); default false
   * @param includeItems copy the items of the namespace's tables; default true
   */
  @Serdeable
  record DuplicateNamespace(
      @Nullable
          @Size(max = CacheNames.PROJECT_MAX_LENGTH)
          @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
          String newName,
      @Nullable Boolean includeSecrets,
      @Nullable Boolean includeItems) {}
}
