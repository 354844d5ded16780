package io.brmh.gateway.scrape;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the web-scraping routes, with the original's field names. */
final class ScrapeRequests {
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private ScrapeRequests() {}

  /**
   * What to import of the description.
   *
   * @param scrapeApis whether its operations become methods (default true)
   * @param scrapeSchemas whether its schemas become namespace schemas (default true)
   * @param scrapeDocumentation accepted as the original did; the operations' summaries are kept
   *     with the methods, and no other documentation is stored
   * @param removeVanished whether methods and schemas an earlier import of the same description
   *     made, and this one does not find, are removed (default false: only reported)
   */
  @Serdeable
  record Options(
      @Nullable Boolean scrapeApis,
      @Nullable Boolean scrapeSchemas,
      @Nullable Boolean scrapeDocumentation,
      @Nullable Boolean removeVanished) {

    static final Options DEFAULT = new Options(null, null, null, null);
  }

  /**
   * @param serviceName a key of the supported services, or the http(s) address of a description or
   *     of a page linking one
   */
  @Serdeable
  record Preview(
      @Schema(
              description =
                  "a key of GET /web-scraping/supported-services, or the http(s) address of an"
                      + " OpenAPI, Swagger or Postman description or of a page linking one")
          @NotBlank
          @Size(max = 2048)
          String serviceName,
      @Nullable @Valid Options options) {}

  /**
   * @param namespaceId the namespace written to (editor); without one, the namespace named after
   *     the service, made for the caller when they may edit none of that name
   */
  @Serdeable
  record Save(
      @Schema(
              description =
                  "a key of GET /web-scraping/supported-services, or the http(s) address of an"
                      + " OpenAPI, Swagger or Postman description or of a page linking one")
          @NotBlank
          @Size(max = 2048)
          String serviceName,
      @Nullable @Pattern(regexp = UUID, message = "must be a namespace id") @Size(max = 36)
          String namespaceId,
      @Nullable @Valid Options options) {}
}
