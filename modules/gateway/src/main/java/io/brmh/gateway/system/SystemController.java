package io.brmh.gateway.system;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The original's application health route, kept for its clients. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@Tag(name = "health")
class SystemController {

  @Serdeable
  record Status(String message, String status) {}

  @Get("/test")
  @Operation(
      summary =
          "Application health, as in the original backend (see /health/ready for dependencies)")
  Status test() {
    return new Status("BRMH backend is running", "ok");
  }
}
