package io.brmh.platform.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code /health/live} and {@code /health/ready} of every deployable, public: live means the
 * process serves HTTP; ready means every {@link DependencyCheck} of the process answers (for a
 * worker also its own consumer, which must be polling). The gateway replaces this with its
 * documented copy.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthRoutes {
  private final ReadinessProbe readinessProbe;

  public HealthRoutes(ReadinessProbe readinessProbe) {
    this.readinessProbe = readinessProbe;
  }

  /** The liveness answer. */
  @Serdeable
  public record Liveness(String status) {}

  @Get("/live")
  public Liveness live() {
    return new Liveness(DependencyHealth.UP);
  }

  @Get("/ready")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Readiness> ready() {
    Readiness readiness = readinessProbe.probe();
    return HttpResponse.status(readiness.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(readiness);
  }
}
