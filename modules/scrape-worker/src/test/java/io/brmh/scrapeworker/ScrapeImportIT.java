package io.brmh.scrapeworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.scrapeworker.describe.DescriptionReader;
import io.brmh.scrapeworker.describe.ImportedApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Imports of real descriptions, served by a local HTTP server, run as jobs by the worker in this
 * context against the devstack's Kafka and DynamoDB, and checked in the namespace thing by thing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScrapeImportIT implements TestPropertyProvider {
  private final LocalSite site = new LocalSite();

  @Inject Imports imports;
  @Inject DescriptionReader reader;
  @Inject NamespaceImport namespaceImport;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.outbound.allowed-hosts", site.hostAndPort());
    return properties;
  }

  @AfterAll
  void stopSite() {
    site.close();
  }

  @Test
  void aSwaggerDescriptionBecomesMethodsSchemasAndAnAccountWithProvenance() {
    site.serveResource("/petstore/swagger.yaml", "application/yaml", "petstore.swagger-2.0.yaml");
    Namespace namespace = imports.namespace();

    Job job = imports.importInto(namespace, site.uri("/petstore/swagger.yaml"), false);

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    List<NamespaceEntity> methods = imports.all(EntityKind.METHOD, namespace.id());
    assertThat(methods).hasSize(20);
    Map<String, NamespaceSchema> schemas =
        imports.allSchemas(namespace.id()).stream()
            .collect(Collectors.toMap(NamespaceSchema::schemaName, Function.identity()));
    assertThat(schemas).containsOnlyKeys("Order", "Category", "User", "Tag", "Pet", "ApiResponse");
    // References between schemas name the schemas' ids, as the unified model writes them.
    assertThat(schemas.get("Pet").schema().toString())
        .contains("$ref=" + schemas.get("Category").id())
        .contains("$ref=" + schemas.get("Tag").id());
    NamespaceEntity addPet = method(methods, "addPet");
    assertThat(addPet.data())
        .containsEntry("namespace-method-type", "POST")
        .containsEntry("namespace-method-url-override", "/pet");
    assertThat(addPet.data().get("request-schema").toString()).contains(schemas.get("Pet").id());
    @SuppressWarnings("unchecked")
    Map<String, Object> provenance = (Map<String, Object>) addPet.data().get("provenance");
    assertThat(provenance)
        .containsEntry("source-url", site.uri("/petstore/swagger.yaml").toString())
        .containsEntry("format", "swagger-2.0")
        .containsEntry("importer", "brmh-scrape-worker")
        .containsEntry("job-id", job.id())
        .containsKeys("content-hash", "importer-version", "imported-at");
    assertThat(schemas.get("Pet").provenance()).containsEntry("job-id", job.id());
    List<NamespaceEntity> accounts = imports.all(EntityKind.ACCOUNT, namespace.id());
    assertThat(accounts).hasSize(1);
    assertThat(accounts.get(0).data())
        .containsEntry("namespace-account-url-override", "http://petstore.swagger.io/v2");
    assertThat(changes(job, "methods", "added")).isEqualTo(20);
    assertThat(changes(job, "schemas", "added")).isEqualTo(6);
  }

  @Test
  void reimportingTheSameDescriptionChangesNothing() {
    site.serveResource("/same/openapi.json", "application/json", "tcgdex.openapi-3.0.json");
    Namespace namespace = imports.namespace();
    imports.importInto(namespace, site.uri("/same/openapi.json"), false);
    Map<String, Long> versions = versions(namespace);

    Job again = imports.importInto(namespace, site.uri("/same/openapi.json"), false);

    assertThat(again.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(changes(again, "methods", "unchanged")).isEqualTo(33);
    assertThat(changes(again, "methods", "added")).isZero();
    assertThat(changes(again, "methods", "updated")).isZero();
    assertThat(versions(namespace)).isEqualTo(versions);
    assertThat(imports.all(EntityKind.ACCOUNT, namespace.id())).hasSize(1);
  }

  @Test
  void reimportingAnEditedCopyGivesTheDiffAndRemovesVanishedOnlyWhenAsked() {
    String original =
        new String(LocalSite.resource("petstore.swagger-2.0.yaml"), StandardCharsets.UTF_8);
    site.serve("/edited/swagger.yaml", "application/yaml", original);
    Namespace namespace = imports.namespace();
    imports.importInto(namespace, site.uri("/edited/swagger.yaml"), false);
    String findByStatusId =
        method(imports.all(EntityKind.METHOD, namespace.id()), "findPetsByStatus").id();
    // The edit: logoutUser gone, a new ping, getInventory's summary changed, Tag gains a field.
    String edited =
        original
            .replace("  '/user/logout':\n", "  '/ping':\n")
            .replace("operationId: logoutUser", "operationId: ping")
            .replace("summary: Returns pet inventories by status", "summary: Counts pets by status")
            .replace(
                "  Tag:\n    type: object\n    properties:\n",
                "  Tag:\n    type: object\n    properties:\n      colour:\n        type: string\n");
    assertThat(edited)
        .contains("'/ping':", "operationId: ping", "Counts pets by status", "colour:");
    site.serve("/edited/swagger.yaml", "application/yaml", edited);

    Job reported = imports.importInto(namespace, site.uri("/edited/swagger.yaml"), false);

    assertThat(reported.status())
        .as(String.valueOf(reported.error()))
        .isEqualTo(JobStatus.SUCCEEDED);
    assertThat(names(reported, "methods", "added")).containsExactly("ping");
    assertThat(names(reported, "methods", "updated")).containsExactly("getInventory");
    assertThat(names(reported, "methods", "vanished")).containsExactly("logoutUser");
    assertThat(changes(reported, "methods", "unchanged")).isEqualTo(18);
    assertThat(names(reported, "schemas", "updated")).containsExactly("Tag");
    assertThat(changes(reported, "schemas", "unchanged")).isEqualTo(5);
    List<NamespaceEntity> methods = imports.all(EntityKind.METHOD, namespace.id());
    assertThat(methods).hasSize(21); // the vanished one is kept until asked
    assertThat(method(methods, "findPetsByStatus").id()).isEqualTo(findByStatusId);
    assertThat(method(methods, "getInventory").data())
        .containsEntry("description", "Counts pets by status");

    Job removing = imports.importInto(namespace, site.uri("/edited/swagger.yaml"), true);

    assertThat(names(removing, "methods", "removed")).containsExactly("logoutUser");
    assertThat(changes(removing, "methods", "unchanged")).isEqualTo(20);
    assertThat(imports.all(EntityKind.METHOD, namespace.id()))
        .hasSize(20)
        .noneMatch(m -> m.data().get("namespace-method-name").equals("logoutUser"));
  }

  @Test
  void aPostmanCollectionBecomesOneMethodPerRequest() {
    site.serveResource("/box/collection.json", "application/json", "box-legacy.postman-2.1.json");
    Namespace namespace = imports.namespace();

    Job job = imports.importInto(namespace, site.uri("/box/collection.json"), false);

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(imports.all(EntityKind.METHOD, namespace.id())).hasSize(255);
    assertThat(imports.all(EntityKind.ACCOUNT, namespace.id()))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.data())
                    .containsEntry("namespace-account-url-override", "https://api.box.com"));
  }

  @Test
  void aPreviewReportsWhatTheDescriptionHoldsAndWritesNothing() {
    site.serveResource("/preview/openapi.json", "application/json", "tcgdex.openapi-3.0.json");

    Job job =
        imports.awaitEnd(
            imports.submit(
                imports.request(
                    UUID.randomUUID().toString(), null, site.uri("/preview/openapi.json"), false)));

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    @SuppressWarnings("unchecked")
    Map<String, Object> preview = (Map<String, Object>) job.result().get("preview");
    assertThat(preview).containsEntry("methodCount", 33).containsEntry("schemaCount", 8);
    assertThat((List<?>) preview.get("methods")).hasSize(33);
  }

  @Test
  void aPageWithoutADescriptionEndsTheJobWithAClearProblemAndNoMethods() {
    site.serve(
        "/nothing/",
        "text/html",
        "<html><body><p>GET /api/v1/users</p><a href='/api/v1/users'>x</a></body></html>");
    Namespace namespace = imports.namespace();

    Job job = imports.importInto(namespace, site.uri("/nothing/"), false);

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error().type()).isEqualTo("https://brmh.io/problems/no-api-description-found");
    assertThat(job.error().detail()).contains("No API description found");
    assertThat(imports.all(EntityKind.METHOD, namespace.id())).isEmpty();
  }

  @Test
  void aResumedImportReportsWhatItsEarlierTryDidAndMakesNothingTwice() {
    site.serveResource("/resumed/swagger.yaml", "application/yaml", "petstore.swagger-2.0.yaml");
    Namespace namespace = imports.namespace();
    String jobId = UUID.randomUUID().toString();
    ScrapeImportRequested request =
        imports.request(jobId, namespace, site.uri("/resumed/swagger.yaml"), false);
    // An earlier try of the job wrote part of the description, then its worker died.
    ImportedApi whole = reader.read(site.uri("/resumed/swagger.yaml"));
    ImportedApi half =
        new ImportedApi(
            whole.format(),
            whole.source(),
            whole.contentHash(),
            whole.title(),
            whole.version(),
            whole.description(),
            whole.servers(),
            whole.methods().subList(0, 7),
            whole.schemas().subList(0, 2),
            List.of());
    imports.jobs.accept(jobId, "scrape.import", "namespace:" + namespace.id(), Imports.OWNER);
    imports.jobs.start(jobId);
    namespaceImport.save(half, request, new JobSteps(imports.jobs, jobId, () -> false, false));

    imports.publishAgain(request); // the command, delivered again after the crash

    Job job = imports.awaitEnd(imports.jobs.find(jobId).orElseThrow());

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(changes(job, "methods", "added")).isEqualTo(20);
    assertThat(changes(job, "schemas", "added")).isEqualTo(6);
    assertThat(imports.all(EntityKind.METHOD, namespace.id())).hasSize(20);
    assertThat(imports.allSchemas(namespace.id())).hasSize(6);
  }

  @Test
  void aRedeliveredImportCommandDoesNothingAgain() {
    site.serveResource("/twice/swagger.yaml", "application/yaml", "petstore.swagger-2.0.yaml");
    Namespace namespace = imports.namespace();
    ScrapeImportRequested request =
        imports.request(
            UUID.randomUUID().toString(), namespace, site.uri("/twice/swagger.yaml"), false);
    Job first = imports.awaitEnd(imports.submit(request));
    int fetches = site.hits("/twice/swagger.yaml");

    imports.publishAgain(request);
    // A later import of the namespace runs after the redelivered command, in order.
    Job later = imports.importInto(namespace, site.uri("/twice/swagger.yaml"), false);

    assertThat(first.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(later.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(site.hits("/twice/swagger.yaml"))
        .isEqualTo(fetches + 1); // only the later one fetched
    assertThat(imports.all(EntityKind.METHOD, namespace.id())).hasSize(20);
  }

  @Test
  void aCancelStopsAnImportAtItsNextStepAndImportingAgainFinishesIt() {
    int operations = 1500;
    site.serve("/large/openapi.json", "application/json", largeDescription(operations));
    Namespace namespace = imports.namespace();
    Job job =
        imports.submit(
            imports.request(
                UUID.randomUUID().toString(), namespace, site.uri("/large/openapi.json"), false));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> imports.all(EntityKind.METHOD, namespace.id()).size() >= 20);

    imports.jobs.requestCancel(job.id());

    Job cancelled = imports.awaitEnd(job);
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    int written = imports.all(EntityKind.METHOD, namespace.id()).size();
    assertThat(written).isBetween(20, operations - 1);

    Job again = imports.importInto(namespace, site.uri("/large/openapi.json"), false);

    assertThat(again.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(changes(again, "methods", "added")).isEqualTo(operations - written);
    List<NamespaceEntity> methods = imports.all(EntityKind.METHOD, namespace.id());
    assertThat(methods).hasSize(operations);
    assertThat(methods.stream().map(m -> m.data().get("namespace-method-name")).distinct())
        .hasSize(operations);
  }

  /** An OpenAPI 3.0 description of {@code operations} GET operations, one path each. */
  private static String largeDescription(int operations) {
    StringBuilder paths = new StringBuilder();
    for (int i = 0; i < operations; i++) {
      if (i > 0) {
        paths.append(',');
      }
      paths
          .append("\"/things-")
          .append(i)
          .append("\":{\"get\":{\"operationId\":\"listThings")
          .append(i)
          .append("\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}");
    }
    return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Large\",\"version\":\"1\"},"
        + "\"servers\":[{\"url\":\"https://api.example.org\"}],\"paths\":{"
        + paths
        + "}}";
  }

  private static NamespaceEntity method(List<NamespaceEntity> methods, String name) {
    return methods.stream()
        .filter(m -> name.equals(m.data().get("namespace-method-name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no method " + name));
  }

  private Map<String, Long> versions(Namespace namespace) {
    Map<String, Long> versions = new HashMap<>();
    imports.all(EntityKind.METHOD, namespace.id()).forEach(m -> versions.put(m.id(), m.version()));
    imports.allSchemas(namespace.id()).forEach(s -> versions.put(s.id(), s.version()));
    return versions;
  }

  @SuppressWarnings("unchecked")
  private static long changes(Job job, String kind, String change) {
    Map<String, Object> changes = (Map<String, Object>) job.result().get("changes");
    Map<String, Object> byChange = (Map<String, Object>) changes.getOrDefault(kind, Map.of());
    Map<String, Object> listing = (Map<String, Object>) byChange.get(change);
    return listing == null ? 0 : ((Number) listing.get("count")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Job job, String kind, String change) {
    Map<String, Object> changes = (Map<String, Object>) job.result().get("changes");
    Map<String, Object> byChange = (Map<String, Object>) changes.getOrDefault(kind, Map.of());
    Map<String, Object> listing = (Map<String, Object>) byChange.get(change);
    return listing == null ? List.of() : (List<String>) listing.get("names");
  }
}
