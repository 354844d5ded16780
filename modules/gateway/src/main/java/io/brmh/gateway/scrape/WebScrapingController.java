package io.brmh.gateway.scrape;

import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The original's web-scraping routes, as jobs of the scrape worker: the catalogue of well-known
 * APIs, a preview of what a description holds, and imports into a namespace. Progress and the end
 * come over the job WebSocket (they replace the original's pseudo-SSE stream); the job's result is
 * the preview, or the diff against what the namespace held.
 */
@Controller("/web-scraping")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "web-scraping")
@Secured(Roles.USER)
class WebScrapingController {
  private final ScrapeJobs jobs;
  private final AcceptedJobs accepted;

  WebScrapingController(ScrapeJobs jobs, AcceptedJobs accepted) {
    this.jobs = jobs;
    this.accepted = accepted;
  }

  /** One entry of the catalogue, as the original listed them, with its description's address. */
  @Serdeable
  record ServiceEntry(
      String key,
      @Nullable String name,
      String type,
      @Nullable String descriptionUrl,
      @Nullable String description) {}

  /** The original's answer. */
  @Serdeable
  record Services(boolean success, List<ServiceEntry> services) {}

  @Get("/supported-services")
  @Operation(
      summary =
          "The well-known APIs an import may name by key (brmh.scrape.services), and custom-url for"
              + " any http(s) address")
  Services supportedServices() {
    List<ServiceEntry> entries = new ArrayList<>();
    for (SupportedService service : jobs.services()) {
      entries.add(
          new ServiceEntry(
              service.key(), service.name(), "known-service", service.descriptionUrl(), null));
    }
    entries.add(
        new ServiceEntry(
            "custom-url",
            null,
            "custom-url",
            null,
            "Any http(s) address of an OpenAPI 3.x, Swagger 2.0 or Postman v2 description, or of a"
                + " documentation page that links or embeds one"));
    return new Services(true, entries);
  }

  @Post("/scrape-preview")
  @Operation(
      summary =
          "Read the description behind serviceName and report what an import would make, saving"
              + " nothing: 202 with a scrape.preview job whose result is the preview")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "400",
      description = "serviceName is no supported service nor http(s) address (problem+json)")
  CompletableFuture<HttpResponse<Job>> preview(
      @Body @Valid @NotNull ScrapeRequests.Preview request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(jobs.preview(request, caller), prefer);
  }

  @Post("/scrape-and-save")
  @Operation(
      summary =
          "Import the description behind serviceName into namespaceId (editor), or, without one,"
              + " into the namespace named after the service: its operations become methods and"
              + " its schemas namespace schemas, each with its provenance; a re-import updates in"
              + " place. 202 with a scrape.import job whose result is the diff (added, updated,"
              + " unchanged, vanished, removed).")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "400", description = "A field is not valid (problem+json)")
  @ApiResponse(
      responseCode = "403",
      description = "The caller may not edit the namespace (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "A job deletes or copies into the namespace (problem+json)")
  CompletableFuture<HttpResponse<Job>> scrapeAndSave(
      @Body @Valid @NotNull ScrapeRequests.Save request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(jobs.save(request, caller), prefer);
  }

  @Post("/scrape-auto-namespace")
  @Operation(
      summary =
          "Import the description behind serviceName into the namespace named after the service"
              + " (one the caller may edit, or a new one they own): 202 with a scrape.import job")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "400", description = "A field is not valid (problem+json)")
  CompletableFuture<HttpResponse<Job>> scrapeAutoNamespace(
      @Body @Valid @NotNull ScrapeRequests.Preview request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(
        jobs.save(new ScrapeRequests.Save(request.serviceName(), null, request.options()), caller),
        prefer);
  }
}
