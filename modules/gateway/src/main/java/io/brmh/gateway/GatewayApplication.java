package io.brmh.gateway;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The BRMH HTTP ingress, runnable alone: {@code java -jar brmh-gateway.jar}. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "BRMH API",
            version = "0.1",
            description =
                "Backend Resource Management Hub. Long-running work answers 202 with a job; "
                    + "errors are application/problem+json; every route except health, API docs and login needs a bearer JWT."),
    security = @SecurityRequirement(name = "bearerAuth"))
@SecurityScheme(
    name = "bearerAuth",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public final class GatewayApplication {
  private GatewayApplication() {}

  public static void main(String[] args) {
    Micronaut.run(GatewayApplication.class, args);
  }
}
