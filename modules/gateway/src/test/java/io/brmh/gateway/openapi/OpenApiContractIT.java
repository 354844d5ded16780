package io.brmh.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.ApiOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document is a complete contract: every operation states its security and a
 * schema for every answer with a body, every error is a problem, every job answer is the Job with
 * its headers, every reference resolves, and the WebSocket and the JWKS are described.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT implements TestPropertyProvider {
  /** Answers without a body: no content, switching protocols, redirects. */
  private static final Set<String> BODILESS = Set.of("204", "101", "301", "302", "303", "307");

  @Inject
  @Client("/")
  HttpClient http;

  private Map<String, Object> document;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void fetch() throws Exception {
    String yaml = http.toBlocking().retrieve(HttpRequest.GET(OpenApiController.PATH));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "brmh-api-served.yml"), yaml);
    document = new Yaml().load(yaml);
  }

  @Test
  void everyOperationStatesItsSecurityAndASchemaForEveryAnswer() {
    List<String> faults = new ArrayList<>();
    Set<String> operationIds = new HashSet<>();
    Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
    assertThat(document).doesNotContainKey("security");
    ApiOperations.of(document)
        .forEach(
            (name, operation) -> {
              if (!operationIds.add(String.valueOf(operation.get("operationId")))) {
                faults.add(name + ": operationId " + operation.get("operationId") + " repeats");
              }
              Object security = operation.get("security");
              if (!(security instanceof List<?> requirements)) {
                faults.add(name + ": no security statement");
              } else {
                requirements.stream()
                    .flatMap(requirement -> map(requirement).keySet().stream())
                    .filter(scheme -> !schemes.containsKey(scheme))
                    .forEach(scheme -> faults.add(name + ": unknown scheme " + scheme));
              }
              Map<String, Object> responses = map(operation.get("responses"));
              if (responses.isEmpty()) {
                faults.add(name + ": no responses");
              }
              responses.forEach(
                  (code, response) -> faults.addAll(responseFaults(name, code, map(response))));
            });
    assertThat(faults).isEmpty();
  }

  @Test
  void theWebSocketTheJwksAndTheApiKeySchemeAreDescribed() {
    assertThat(ApiOperations.of(document)).containsKeys("GET /ws", "GET /.well-known/jwks.json");
    assertThat(ApiOperations.of(document).get("GET /.well-known/jwks.json").get("security"))
        .isEqualTo(List.of());
    assertThat(ApiOperations.of(document).get("GET /ws").get("security"))
        .isEqualTo(List.of(Map.of("bearerAuth", List.of())));
    assertThat(ApiOperations.of(document).get("POST /cache/update").get("security"))
        .isEqualTo(List.of(Map.of("bearerAuth", List.of()), Map.of("apiKey", List.of())));
    assertThat(map(map(document.get("components")).get("securitySchemes")))
        .containsKeys("bearerAuth", "apiKey");
  }

  @Test
  void everyReferenceResolves() {
    Map<String, Object> schemas = map(map(document.get("components")).get("schemas"));
    List<String> unresolved = new ArrayList<>();
    collectRefs(document, unresolved);
    unresolved.removeIf(
        ref -> schemas.containsKey(ref.substring("#/components/schemas/".length())));
    assertThat(unresolved).isEmpty();
  }

  private static List<String> responseFaults(
      String name, String code, Map<String, Object> response) {
    List<String> faults = new ArrayList<>();
    Map<String, Object> content = map(response.get("content"));
    if (BODILESS.contains(code)) {
      if (!content.isEmpty()) {
        faults.add(name + " " + code + ": has a body");
      }
      return faults;
    }
    if (content.isEmpty()) {
      faults.add(name + " " + code + ": no schema");
      return faults;
    }
    content.forEach(
        (mediaType, body) -> {
          if (map(map(body).get("schema")).isEmpty()) {
            faults.add(name + " " + code + " " + mediaType + ": no schema");
          }
        });
    boolean error = code.startsWith("4") || code.startsWith("5") || code.equals("default");
    if (error && !content.keySet().equals(Set.of("application/problem+json"))) {
      faults.add(name + " " + code + ": an error that is not application/problem+json");
    }
    if (error
        && !"#/components/schemas/Problem"
            .equals(map(map(content.get("application/problem+json")).get("schema")).get("$ref"))) {
      faults.add(name + " " + code + ": an error without the Problem schema");
    }
    Object schema = map(content.get("application/json")).get("schema");
    if (code.equals("202")
        && "#/components/schemas/Job".equals(map(schema).get("$ref"))
        && !map(response.get("headers")).keySet().containsAll(Set.of("Location", "Retry-After"))) {
      faults.add(name + " 202: a job without its Location and Retry-After headers");
    }
    return faults;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("$ref") instanceof String ref) {
        refs.add(ref);
      }
      map.values().forEach(value -> collectRefs(value, refs));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectRefs(value, refs));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
