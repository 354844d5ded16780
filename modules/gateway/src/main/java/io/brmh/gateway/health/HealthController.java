package io.brmh.gateway.health;

import io.brmh.platform.health.Readiness;
import io.brmh.platform.health.ReadinessProbe;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Liveness and readiness probes for orchestrators and the local launcher. Public. */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@SecurityRequirements
@Tag(name = "health")
class HealthController {
  private final ReadinessProbe readinessProbe;

  HealthController(ReadinessProbe readinessProbe) {
    this.readinessProbe = readinessProbe;
  }

  @Serdeable
  record Liveness(String status) {}

  @Get("/live")
  @Operation(summary = "The process is up and serving HTTP")
  Liveness live() {
    return new Liveness("UP");
  }

  @Get("/ready")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Kafka, Redis, DynamoDB and S3 all answer; 503 with the detail of each otherwise")
  HttpResponse<Readiness> ready() {
    Readiness readiness = readinessProbe.probe();
    return HttpResponse.status(readiness.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(readiness);
  }
}
