package io.brmh.gateway.openapi;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves the finished OpenAPI document where the generated one would be, so that the Swagger UI
 * ({@code /swagger-ui/}) and any client generator read the contract, not its raw input.
 */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
class OpenApiController {
  static final String PATH = "/swagger/brmh-api-0.1.yml";
  private final ApiDocument document;

  OpenApiController(ApiDocument document) {
    this.document = document;
  }

  @Get(PATH)
  @Produces("application/yaml")
  String document() {
    return document.yaml();
  }
}
