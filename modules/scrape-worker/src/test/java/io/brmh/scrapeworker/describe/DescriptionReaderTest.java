package io.brmh.scrapeworker.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.outbound.OutboundConfiguration;
import io.brmh.platform.outbound.SafeHttpClient;
import io.brmh.scrapeworker.LocalSite;
import io.brmh.scrapeworker.ScrapeWorkerConfiguration;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real public descriptions, served by a local HTTP server and read through the outbound client:
 * every operation becomes a method with its parameters, counted against the parser's own model (or,
 * for Postman, against the collection's requests), and pages that link or embed a description read
 * the same as the description.
 */
class DescriptionReaderTest {
  private LocalSite site;
  private SafeHttpClient client;
  private DescriptionReader reader;

  @BeforeEach
  void start() {
    site = new LocalSite();
    client =
        new SafeHttpClient(
            new OutboundConfiguration(
                List.of(site.hostAndPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                10L << 20,
                5));
    reader =
        new DescriptionReader(
            new DocumentFetcher(client),
            new ScrapeWorkerConfiguration(
                true, Duration.ofSeconds(10), Duration.ofSeconds(5), 50, 5, null));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    site.close();
  }

  @ParameterizedTest
  @CsvSource({
    "tcgdex.openapi-3.0.json, application/json, openapi-3.0",
    "petstore.swagger-2.0.yaml, application/yaml, swagger-2.0",
    "petstore.openapi-3.1.json, application/json, openapi-3.1"
  })
  void everyOperationBecomesAMethodWithItsParameters(String file, String type, String format) {
    site.serveResource("/api/" + file, type, file);

    ImportedApi api = reader.read(site.uri("/api/" + file));

    OpenAPI model = parserModel(file);
    List<String> operations = new ArrayList<>();
    Map<String, Integer> parameterCounts = new java.util.HashMap<>();
    model
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (verb, operation) -> {
                          String key = verb.name() + " " + path;
                          operations.add(key);
                          parameterCounts.put(
                              key,
                              (int)
                                  Stream.concat(
                                          item.getParameters() == null
                                              ? Stream.<Parameter>empty()
                                              : item.getParameters().stream(),
                                          operation.getParameters() == null
                                              ? Stream.<Parameter>empty()
                                              : operation.getParameters().stream())
                                      .map(
                                          p ->
                                              p.get$ref() != null
                                                  ? p.get$ref()
                                                  : p.getIn() + "/" + p.getName())
                                      .distinct()
                                      .count());
                        }));
    assertThat(api.format()).isEqualTo(format);
    assertThat(api.methods()).extracting(ImportedMethod::key).containsExactlyElementsOf(operations);
    for (ImportedMethod method : api.methods()) {
      assertThat((List<?>) method.data().get(MethodFields.PARAMETERS))
          .as("parameters of %s", method.key())
          .hasSize(parameterCounts.get(method.key()));
      assertThat(method.data().get(MethodFields.TYPE)).isEqualTo(method.key().split(" ")[0]);
      assertThat(method.data().get(MethodFields.URL)).isEqualTo(method.key().split(" ", 2)[1]);
    }
    assertThat(api.schemas())
        .extracting(ImportedSchema::name)
        .containsExactlyElementsOf(model.getComponents().getSchemas().keySet());
    assertThat(api.contentHash()).hasSize(64);
  }

  @Test
  void schemasKeepTheirReferencesToEachOther() {
    site.serveResource("/petstore.yaml", "application/yaml", "petstore.swagger-2.0.yaml");

    ImportedApi api = reader.read(site.uri("/petstore.yaml"));

    Object pet =
        api.schemas().stream()
            .filter(s -> s.name().equals("Pet"))
            .findFirst()
            .orElseThrow()
            .schema();
    assertThat(pet.toString())
        .contains("$ref=#/components/schemas/Category", "$ref=#/components/schemas/Tag");
    ImportedMethod addPet =
        api.methods().stream().filter(m -> m.key().equals("POST /pet")).findFirst().orElseThrow();
    assertThat(addPet.data().get(MethodFields.REQUEST_SCHEMA).toString())
        .contains("#/components/schemas/Pet");
    assertThat(api.servers()).containsExactly("http://petstore.swagger.io/v2");
  }

  @Test
  void aCredentialHeaderStaysAParameterButIsNotListedAsAHeader() {
    site.serveResource("/petstore.yaml", "application/yaml", "petstore.swagger-2.0.yaml");

    ImportedApi api = reader.read(site.uri("/petstore.yaml"));

    ImportedMethod deletePet =
        api.methods().stream()
            .filter(m -> m.key().equals("DELETE /pet/{petId}"))
            .findFirst()
            .orElseThrow();
    assertThat(deletePet.data().get(MethodFields.PARAMETERS).toString()).contains("name=api_key");
    assertThat((List<?>) deletePet.data().get(MethodFields.HEADERS)).isEmpty();
  }

  @Test
  void everyRequestOfAPostmanCollectionBecomesAMethod() throws IOException {
    site.serveResource("/box.json", "application/json", "box-legacy.postman-2.1.json");

    ImportedApi api = reader.read(site.uri("/box.json"));

    JsonNode collection =
        new ObjectMapper().readTree(LocalSite.resource("box-legacy.postman-2.1.json"));
    List<String> requests = new ArrayList<>();
    collectRequests(collection.path("item"), "", requests);
    assertThat(api.format()).isEqualTo("postman-2.1");
    assertThat(api.methods()).hasSize(requests.size()).hasSize(255);
    assertThat(api.methods().stream().map(ImportedMethod::key).distinct()).hasSize(255);
    assertThat(api.servers()).containsExactly("https://api.box.com");
    ImportedMethod trash =
        api.methods().stream()
            .filter(m -> m.name().equals("Get the Items in a User's Trash"))
            .findFirst()
            .orElseThrow();
    assertThat(trash.data().get(MethodFields.URL)).isEqualTo("/2.0/folders/trash/items");
    assertThat(trash.data().get(MethodFields.TAGS)).isEqualTo(List.of("As-User"));
    assertThat(trash.data().get(MethodFields.HEADERS).toString())
        .contains("As-User")
        .doesNotContain("Authorization");
  }

  private static void collectRequests(JsonNode items, String folder, List<String> into) {
    for (JsonNode item : items) {
      if (item.has("item")) {
        collectRequests(item.path("item"), folder + "/" + item.path("name").asText(), into);
      } else if (item.has("request")) {
        into.add(folder + "/" + item.path("name").asText());
      }
    }
  }

  @Test
  void externalReferencesAreFetchedThroughTheOutboundClient() {
    site.serve(
            "/api/openapi.yaml",
            "application/yaml",
            """
            openapi: 3.0.3
            info: {title: Split, version: '1'}
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: the pets
                      content:
                        application/json:
                          schema: {type: array, items: {$ref: 'schemas/pet.yaml#/Pet'}}
            """)
        .serve(
            "/api/schemas/pet.yaml",
            "application/yaml",
            """
            Pet:
              type: object
              properties:
                id: {type: integer, maximum: 12345678901234567890123}
                owner: {$ref: '../people.json#/Person'}
            """)
        .serve(
            "/api/people.json",
            "application/json",
            "{\"Person\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}}");

    ImportedApi api = reader.read(site.uri("/api/openapi.yaml"));

    assertThat(api.schemas()).extracting(ImportedSchema::name).contains("Pet", "Person");
    assertThat(
            api.schemas().stream()
                .filter(s -> s.name().equals("Pet"))
                .findFirst()
                .orElseThrow()
                .schema()
                .toString())
        .contains("12345678901234567890123")
        .contains("$ref=#/components/schemas/Person");
    assertThat(site.hits("/api/schemas/pet.yaml")).isEqualTo(1);
    assertThat(site.hits("/api/people.json")).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
    "http://10.1.2.3/pet.json",
    "http://169.254.169.254/latest/meta-data",
    "file:///etc/passwd"
  })
  void aReferenceToAForbiddenAddressIsRefused(String reference) {
    site.serve(
        "/openapi.json",
        "application/json",
        "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},"
            + "\"components\":{\"schemas\":{\"Pet\":{\"$ref\":\""
            + reference
            + "#/Pet\"}}}}");

    assertThatThrownBy(() -> reader.read(site.uri("/openapi.json")))
        .isInstanceOfSatisfying(
            ImportProblem.class,
            problem -> assertThat(problem.type()).isEqualTo("outbound-refused"));
  }

  @Test
  void aPageLinkingADescriptionReadsTheSameAsTheDescription() {
    site.serveResource("/v2/swagger.yaml", "application/yaml", "petstore.swagger-2.0.yaml")
        .serve(
            "/docs/",
            "text/html; charset=utf-8",
            """
            <!doctype html><html><head><title>Petstore docs</title></head><body>
            <div id="swagger-ui"></div>
            <script>
              window.ui = SwaggerUIBundle({ url: "/v2/swagger.yaml", dom_id: '#swagger-ui' });
            </script></body></html>
            """)
        .serve(
            "/redoc.html",
            "text/html",
            "<html><body><redoc spec-url='v2/swagger.yaml'></redoc></body></html>")
        .serve(
            "/service.html",
            "text/html",
            "<html><head><link rel=\"service-desc\" href=\"/v2/swagger.yaml\"></head></html>");

    ImportedApi direct = reader.read(site.uri("/v2/swagger.yaml"));
    for (String page : List.of("/docs/", "/redoc.html", "/service.html")) {
      ImportedApi viaPage = reader.read(site.uri(page));
      assertThat(viaPage).as(page).isEqualTo(direct);
    }
  }

  @Test
  void aPageWithAnEmbeddedDescriptionReadsIt() {
    String description =
        new String(LocalSite.resource("tcgdex.openapi-3.0.json"), StandardCharsets.UTF_8);
    site.serve(
        "/docs",
        "text/html",
        "<html><body><script type=\"application/json\" id=\"spec\">"
            + description
            + "</script></body></html>");

    ImportedApi api = reader.read(site.uri("/docs"));

    assertThat(api.title()).isEqualTo("TCGdex API");
    assertThat(api.methods()).hasSize(33);
  }

  @Test
  void aPageWithoutADescriptionGivesNoMethodsButAClearProblem() {
    site.serve(
        "/about",
        "text/html",
        """
        <html><body><h1>Our REST API</h1>
        <p>Call GET /api/v1/users and POST /api/v1/orders with your token.</p>
        <a href="/api/v1/users">users</a><a href="/pricing">pricing</a></body></html>
        """);

    assertThatThrownBy(() -> reader.read(site.uri("/about")))
        .isInstanceOfSatisfying(
            ImportProblem.class,
            problem -> {
              assertThat(problem.type()).isEqualTo("no-api-description-found");
              assertThat(problem.getMessage()).contains("neither links nor embeds");
            });
  }

  @Test
  void aJsonDocumentThatIsNoDescriptionIsSaidSo() {
    site.serve("/data.json", "application/json", "{\"users\": []}");

    assertThatThrownBy(() -> reader.read(site.uri("/data.json")))
        .isInstanceOfSatisfying(
            ImportProblem.class, p -> assertThat(p.type()).isEqualTo("no-api-description-found"));
  }

  private static OpenAPI parserModel(String file) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIParser()
        .readContents(new String(LocalSite.resource(file), StandardCharsets.UTF_8), null, options)
        .getOpenAPI();
  }
}
