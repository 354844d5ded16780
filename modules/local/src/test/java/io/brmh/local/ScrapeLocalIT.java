package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.scrapeworker.LocalSite;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imports through the whole local system: HTTP → Kafka → scrape worker → the outbound client → a
 * local site (the only one on the allow-list) → DynamoDB, and back over HTTP. Addresses BRMH never
 * calls are refused before a byte is sent: a second local site, not on the list, counts every
 * request it gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScrapeLocalIT {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final Argument<List<Map<String, Object>>> LIST =
      Argument.listOf(Argument.mapOf(String.class, Object.class));

  private final LocalSite site = new LocalSite();
  private final LocalSite forbidden = new LocalSite();
  private BrmhLocal.LocalRun run;
  private LocalRunHttp base;
  private String token;
  private JsonMapper json;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    site.serveResource("/v2/swagger.yaml", "application/yaml", "petstore.swagger-2.0.yaml")
        .serve(
            "/docs/",
            "text/html",
            "<html><body><script>SwaggerUIBundle({url: \"/v2/swagger.yaml\"})</script></body></html>")
        .serve("/about", "text/html", "<html><body><p>Call GET /api/users</p></body></html>")
        .redirect("/moved", forbidden.uri("/openapi.json").toString());
    forbidden.serveResource("/openapi.json", "application/json", "tcgdex.openapi-3.0.json");
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "scrape password");
    environment.put(BrmhLocal.ALLOWED_HOSTS_VARIABLE, site.hostAndPort());
    run = BrmhLocal.start(environment::get);
    base = new LocalRunHttp(environment);
    json = run.context().getBean(JsonMapper.class);
    token =
        (String)
            send(
                    "POST",
                    "/auth/login",
                    "{\"email\":\"admin@brmh.local\",\"password\":\"scrape password\"}")
                .get("accessToken");
  }

  @AfterAll
  void stop() {
    run.close();
    site.close();
    forbidden.close();
  }

  @Test
  void aDocumentationPageImportsIntoANamespaceAsMethodsAndSchemas() throws Exception {
    String name = "pets-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        (String)
            send("POST", "/unified/namespaces", "{\"namespace-name\":\"" + name + "\"}")
                .get("namespace-id");

    Map<String, Object> job =
        send(
            "POST",
            "/web-scraping/scrape-and-save",
            "{\"serviceName\":\"" + site.uri("/docs/") + "\",\"namespaceId\":\"" + id + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("type", "scrape.import");
    List<Map<String, Object>> methods =
        json.readValue(
            base.send("GET", "/unified/namespaces/" + id + "/methods?limit=200", "", token), LIST);
    assertThat(methods).hasSize(20);
    assertThat(methods)
        .anySatisfy(
            method ->
                assertThat(method)
                    .containsEntry("namespace-method-name", "getPetById")
                    .containsEntry("namespace-method-url-override", "/pet/{petId}")
                    .containsKey("provenance"));
    List<Map<String, Object>> schemas =
        json.readValue(
            base.send("GET", "/unified/schema?namespaceId=" + id + "&limit=200", "", token), LIST);
    assertThat(schemas).extracting(s -> s.get("schemaName")).contains("Pet", "Category", "Tag");
  }

  @Test
  void aPreviewAnswersWithWhatTheDescriptionHolds() throws Exception {
    Map<String, Object> job =
        send(
            "POST",
            "/web-scraping/scrape-preview",
            "{\"serviceName\":\"" + site.uri("/v2/swagger.yaml") + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "SUCCEEDED");
    assertThat(job.get("result").toString()).contains("methodCount=20", "schemaCount=6");
  }

  @Test
  void anAutoNamespaceImportMakesTheNamespaceForTheCaller() throws Exception {
    Map<String, Object> job =
        send(
            "POST",
            "/web-scraping/scrape-auto-namespace",
            "{\"serviceName\":\"" + site.uri("/v2/swagger.yaml") + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "SUCCEEDED");
    @SuppressWarnings("unchecked")
    String namespaceId = (String) ((Map<String, Object>) job.get("result")).get("namespaceId");
    assertThat(send("GET", "/unified/namespaces/" + namespaceId, null))
        .containsEntry("tags", List.of("web-scraped", "api"));
  }

  @Test
  void aPageWithoutADescriptionFailsClearly() throws Exception {
    Map<String, Object> job =
        send(
            "POST",
            "/web-scraping/scrape-preview",
            "{\"serviceName\":\"" + site.uri("/about") + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "FAILED");
    assertThat(job.get("error").toString()).contains("no-api-description-found");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.20.30.40/openapi.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:PORT/openapi.json",
        "http://[::ffff:127.0.0.1]:PORT/openapi.json",
        "http://127.0.0.1:PORT/openapi.json",
        "http://localhost:PORT/openapi.json",
        "SITE/moved"
      })
  void anAddressBrmhNeverCallsIsRefusedBeforeAByteIsSent(String address) throws Exception {
    String serviceName =
        address
            .replace("PORT", Integer.toString(forbidden.uri("/").getPort()))
            .replace("SITE", "http://" + site.hostAndPort());
    int before = forbidden.hits("/openapi.json");

    Map<String, Object> job =
        send(
            "POST",
            "/web-scraping/scrape-preview",
            "{\"serviceName\":\"" + serviceName + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "FAILED");
    assertThat(job.get("error").toString()).contains("outbound-refused");
    assertThat(forbidden.hits("/openapi.json")).isEqualTo(before);
  }

  @Test
  void theCatalogueListsTheWellKnownServicesAndCustomUrls() throws Exception {
    Map<String, Object> services = send("GET", "/web-scraping/supported-services", null);

    assertThat(services).containsEntry("success", true);
    assertThat(services.get("services").toString()).contains("key=petstore", "key=custom-url");
  }

  @Test
  void aServiceNameThatIsNoAddressIsRefusedByName() throws Exception {
    HttpResponse<String> answer =
        base.exchange(
            "POST",
            "/web-scraping/scrape-preview",
            "{\"serviceName\":\"ftp://example.com/x\"}",
            token);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("serviceName");
  }

  private Map<String, Object> send(String method, String path, String body, String... headers)
      throws Exception {
    return json.readValue(
        base.send(method, path, body == null ? "" : body, token, headers), OBJECT);
  }
}
