package io.brmh.scrapeworker.describe;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;

/**
 * What one API description holds, in BRMH's terms, whatever its format.
 *
 * @param format {@code openapi-3.0}, {@code openapi-3.1}, {@code swagger-2.0} or {@code
 *     postman-2.1}
 * @param source where the description itself came from (a page that linked it is not the source)
 * @param contentHash SHA-256 of the description's bytes, hex
 * @param servers the API's base URLs, absolute, the first the one its methods are called on
 * @param methods one per operation (request, for Postman), in the description's order
 * @param schemas the named schemas, their references to each other as {@code
 *     #/components/schemas/<name>}
 * @param warnings what the parser noted and skipped
 */
public record ImportedApi(
    String format,
    URI source,
    String contentHash,
    String title,
    @Nullable String version,
    @Nullable String description,
    List<String> servers,
    List<ImportedMethod> methods,
    List<ImportedSchema> schemas,
    List<String> warnings) {

  public ImportedApi {
    servers = List.copyOf(servers);
    methods = List.copyOf(methods);
    schemas = List.copyOf(schemas);
    warnings = List.copyOf(warnings);
  }
}
