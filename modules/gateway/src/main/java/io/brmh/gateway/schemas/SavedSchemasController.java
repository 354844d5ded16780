package io.brmh.gateway.schemas;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * The original's {@code POST /save-schema-to-namespace}, which the scraping screens call: the same
 * schema create as {@code POST /unified/schema}, answered as the original did.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "schemas")
@Secured(Roles.USER)
class SavedSchemasController {
  private final SchemaService schemas;
  private final NamespaceAccess access;

  SavedSchemasController(SchemaService schemas, NamespaceAccess access) {
    this.schemas = schemas;
    this.access = access;
  }

  /** The original's answer. */
  @Serdeable
  record Saved(boolean success, String schemaId) {}

  @Post("/save-schema-to-namespace")
  @Operation(
      summary =
          "Create a schema in a namespace (editor), as POST /unified/schema does; the original's"
              + " route")
  HttpResponse<Saved> save(@Body @Valid SchemaRequests.NewSchema request, Authentication caller) {
    access.requireById(caller, request.namespaceId(), NamespaceRole.EDITOR);
    NamespaceSchema created = schemas.create(request);
    return HttpResponse.ok(new Saved(true, created.id()))
        .header(HttpHeaders.LOCATION, "/unified/schema/" + created.id())
        .header(HttpHeaders.ETAG, created.etag());
  }
}
