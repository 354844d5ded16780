package io.brmh.gateway.openapi;

import io.brmh.platform.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call each route, read from the same {@code @Secured} annotations that Micronaut Security
 * enforces, so that the document cannot promise other access than the server grants.
 */
@Singleton
class RouteAccess {
  private final Router router;

  RouteAccess(Router router) {
    this.router = router;
  }

  /**
   * @param roles the roles of which the caller needs one; empty when anyone may call
   * @param operationId a name unique in the document: the controller's, then the method's
   */
  record Access(List<String> roles, String operationId) {
    boolean isPublic() {
      return roles.isEmpty();
    }

    /** Whether a plain signed-in user may not call it: only administrators or API keys may. */
    boolean isRestricted() {
      return !isPublic() && !roles.contains(Roles.USER);
    }

    boolean acceptsApiKeys() {
      return roles.contains(Roles.CACHE_INGEST);
    }
  }

  /** The access of the route behind {@code METHOD /path/{template}}. */
  Optional<Access> of(String method, String path) {
    return Optional.ofNullable(byOperation().get(method.toUpperCase(Locale.ROOT) + " " + path));
  }

  private Map<String, Access> byOperation() {
    Map<String, Access> access = new HashMap<>();
    router
        .uriRoutes()
        .forEach(
            route ->
                access.put(
                    route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString(),
                    new Access(roles(route), operationId(route))));
    return access;
  }

  private static List<String> roles(UriRouteInfo<?, ?> route) {
    // Read as Micronaut Security's SecuredAnnotationRule reads it, so that a method's @Secured
    // overrides its controller's.
    String[] secured =
        route.getAnnotationMetadata().getValue(Secured.class, String[].class).orElse(new String[0]);
    if (secured.length == 0 || Arrays.asList(secured).contains(SecurityRule.IS_ANONYMOUS)) {
      return List.of();
    }
    return Arrays.stream(secured)
        .map(role -> SecurityRule.IS_AUTHENTICATED.equals(role) ? Roles.USER : role)
        .toList();
  }

  private static String operationId(UriRouteInfo<?, ?> route) {
    Class<?> controller = route.getTargetMethod().getDeclaringType();
    // An intercepted bean ($FooController$Definition$Intercepted) extends the controller itself.
    while (controller.getSimpleName().startsWith("$") && controller.getSuperclass() != null) {
      controller = controller.getSuperclass();
    }
    String owner = controller.getSimpleName().replace("Controller", "");
    String name = route.getTargetMethod().getMethodName();
    return Character.toLowerCase(owner.charAt(0))
        + owner.substring(1)
        + Character.toUpperCase(name.charAt(0))
        + name.substring(1);
  }
}
