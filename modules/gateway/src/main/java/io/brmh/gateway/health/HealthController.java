package io.brmh.gateway.health;

import io.brmh.platform.health.HealthRoutes;
import io.brmh.platform.health.Readiness;
import io.brmh.platform.health.ReadinessProbe;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Liveness and readiness probes for orchestrators and the local launcher. Public. The platform's
 * routes, documented in the gateway's OpenAPI document; in the local run readiness also covers the
 * workers of the process.
 */
@Controller("/health")
@Replaces(HealthRoutes.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@Tag(name = "health")
class HealthController {
  private final HealthRoutes routes;

  HealthController(ReadinessProbe readinessProbe) {
    this.routes = new HealthRoutes(readinessProbe);
  }

  @Get("/live")
  @Operation(summary = "The process is up and serving HTTP")
  HealthRoutes.Liveness live() {
    return routes.live();
  }

  @Get("/ready")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary =
          "Kafka, Redis, DynamoDB and S3 all answer, and the workers of this process poll; 503 with the detail of each otherwise")
  HttpResponse<Readiness> ready() {
    return routes.ready();
  }
}
