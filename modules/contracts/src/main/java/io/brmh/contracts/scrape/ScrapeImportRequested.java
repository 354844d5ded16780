package io.brmh.contracts.scrape;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Import an API description (OpenAPI 3.x, Swagger 2.0, a Postman collection v2.1, or an HTML page
 * that links or embeds one) into a namespace's schemas and methods, or only preview what it holds.
 * Wire name {@code brmh.scrape.import-requested.v1} on {@code brmh.scrape-commands}, keyed by the
 * namespace id (by the job id for a preview), so one namespace's imports run in order.
 *
 * @param jobId the job that reports the outcome: the preview, or the diff against what the
 *     namespace held
 * @param namespaceId the namespace written to; null for a preview, which writes nothing
 * @param sourceUrl where the description (or a page pointing at it) is fetched, http or https
 * @param service the catalogue key the URL came from ({@code petstore}, …), or null for a URL the
 *     caller gave
 * @param importSchemas whether the description's schemas become namespace schemas
 * @param importMethods whether its operations become namespace methods
 * @param removeVanished whether methods and schemas an earlier import of the same source made, and
 *     this one no longer finds, are removed (otherwise they are only reported)
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record ScrapeImportRequested(
    String jobId,
    @Nullable String namespaceId,
    String sourceUrl,
    @Nullable String service,
    boolean importSchemas,
    boolean importMethods,
    boolean removeVanished,
    String requestedBy) {

  /** Whether the job only reports what the description holds. */
  public boolean preview() {
    return namespaceId == null;
  }
}
