package io.brmh.gateway.openapi;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the gateway serves: the one micronaut-openapi generates from the controllers
 * at build time, merged with {@value #ADDITIONS} and finished per operation by {@link
 * OperationContract} from the live routes' access ({@link RouteAccess}). Schemas no operation
 * reaches (Micronaut's own types the generator met on the way) are left out.
 */
@Singleton
public class ApiDocument {
  static final String GENERATED = "META-INF/swagger/brmh-api-0.1.yml";
  static final String ADDITIONS = "META-INF/brmh/openapi-additions.yml";
  static final String ANY_VALUE = "x-any-value";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private final RouteAccess access;
  private volatile String yaml;

  ApiDocument(RouteAccess access) {
    this.access = access;
  }

  /** The finished document as YAML, built on first use. */
  public String yaml() {
    String built = yaml;
    if (built == null) {
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      options.setWidth(100);
      // The finished maps share objects (empty lists); readers cap aliases, so none are written.
      options.setDereferenceAliases(true);
      built = new Yaml(options).dump(build());
      yaml = built;
    }
    return built;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> build() {
    Map<String, Object> document = load(GENERATED);
    Map<String, Object> additions = load(ADDITIONS);
    // Security is stated on each operation instead of once for all.
    document.remove("security");
    Map<String, Object> paths = section(document, "paths");
    paths.putAll(section(additions, "paths"));
    Map<String, Object> components = section(document, "components");
    Map<String, Object> extraComponents = section(additions, "components");
    section(components, "schemas").putAll(section(extraComponents, "schemas"));
    section(components, "securitySchemes").putAll(section(extraComponents, "securitySchemes"));
    paths.forEach(
        (path, item) ->
            ((Map<String, Object>) item)
                .forEach(
                    (method, operation) -> {
                      if (METHODS.contains(method)) {
                        access
                            .of(method, path)
                            .ifPresent(
                                route ->
                                    OperationContract.finish(
                                        (Map<String, Object>) operation, route));
                      }
                    }));
    keepReachableSchemas(paths, section(components, "schemas"));
    markAnyValues(section(components, "schemas"));
    return document;
  }

  /**
   * A property typed {@code Object} with the extension {@code any-value} (the data a JSON Schema
   * checks) takes any JSON value: the generator still writes {@code type: object} (and an {@code
   * allOf} of it), which would say otherwise. Such a property keeps its description and loses its
   * type.
   */
  @SuppressWarnings("unchecked")
  private static void markAnyValues(Map<String, Object> schemas) {
    for (Object schema : schemas.values()) {
      if (!(((Map<String, Object>) schema).get("properties") instanceof Map<?, ?> found)) {
        continue;
      }
      Map<String, Object> properties = (Map<String, Object>) found;
      properties.replaceAll(
          (name, property) -> {
            Map<String, Object> map = (Map<String, Object>) property;
            boolean any = "true".equals(String.valueOf(map.get(ANY_VALUE)));
            if (!any) {
              return property;
            }
            Map<String, Object> anyValue = new java.util.LinkedHashMap<>();
            anyValue.put("description", map.getOrDefault("description", "any JSON value"));
            anyValue.put(ANY_VALUE, true);
            return anyValue;
          });
    }
  }

  private static void keepReachableSchemas(Map<String, Object> paths, Map<String, Object> schemas) {
    Set<String> reached = new HashSet<>();
    List<Object> toVisit = new java.util.ArrayList<>(List.of(paths));
    while (!toVisit.isEmpty()) {
      Object node = toVisit.remove(toVisit.size() - 1);
      if (node instanceof Map<?, ?> map) {
        Object ref = map.get("$ref");
        if (ref instanceof String reference && reference.startsWith("#/components/schemas/")) {
          String name = reference.substring("#/components/schemas/".length());
          if (reached.add(name) && schemas.containsKey(name)) {
            toVisit.add(schemas.get(name));
          }
        }
        toVisit.addAll(map.values());
      } else if (node instanceof List<?> list) {
        toVisit.addAll(list);
      }
    }
    schemas.keySet().retainAll(reached);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String name) {
    return (Map<String, Object>) parent.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }

  private static Map<String, Object> load(String resource) {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
