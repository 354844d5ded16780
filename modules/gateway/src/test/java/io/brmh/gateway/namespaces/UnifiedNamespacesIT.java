package io.brmh.gateway.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.job.JobEvent;
import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.security.Roles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The original's {@code /unified/namespaces} routes on the namespace model: its field names, roles
 * deciding who reads and changes what, pages that miss nothing, and versioned updates.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnifiedNamespacesIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final Argument<List<Map<String, Object>>> ARRAY = Argument.listOf(OBJECT);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject TokenGenerator tokens;
  @Inject CacheConfigRepository caches;
  @Inject NamespaceStore store;
  @Inject JobRegistry jobs;

  private GatewayClient client;
  private TestAccounts accounts;
  private TestAccounts.Account owner;
  private TestAccounts.Account stranger;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("unified-owner");
    stranger = accounts.signUp("unified-stranger");
  }

  @Test
  void aNamespaceIsCreatedAndReadWithTheOriginalsFieldNames() throws Exception {
    String name = unique("shop");
    HttpResponse<String> created =
        send(
            HttpRequest.POST(
                "/unified/namespaces",
                Map.of(
                    "namespace-name",
                    name,
                    "namespace-url",
                    "https://api.example.org",
                    "tags",
                    List.of("retail", "v2"))),
            owner);
    assertThat(created.code()).isEqualTo(201);
    Map<String, Object> body = json.readValue(created.body(), OBJECT);
    String id = (String) body.get("namespace-id");
    assertThat(body)
        .containsEntry("namespace-name", name)
        .containsEntry("namespace-url", "https://api.example.org")
        .containsEntry("tags", List.of("retail", "v2"))
        .containsEntry("version", 1)
        .containsEntry("created-by", owner.userId());
    assertThat(created.header(HttpHeaders.LOCATION)).isEqualTo("/unified/namespaces/" + id);
    assertThat(created.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");

    HttpResponse<String> read = send(HttpRequest.GET("/unified/namespaces/" + id), owner);
    assertThat(read.code()).isEqualTo(200);
    assertThat(json.readValue(read.body(), OBJECT)).isEqualTo(body);
    assertThat(read.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");
  }

  @Test
  void aStrangerReadsNothingAndNoPathReachesBookkeeping() throws Exception {
    String id = create(unique("private"), owner);
    assertThat(send(HttpRequest.GET("/unified/namespaces/" + id), stranger).code()).isEqualTo(403);
    assertThat(
            send(
                    HttpRequest.PUT("/unified/namespaces/" + id, Map.of("tags", List.of("x"))),
                    stranger)
                .code())
        .isEqualTo(403);
    for (String path : List.of("name%23private", "migration%23namespaces-by-id", "..%2Fx")) {
      assertThat(send(HttpRequest.GET("/unified/namespaces/" + path), owner).code())
          .as(path)
          .isEqualTo(400);
    }
    assertThat(send(HttpRequest.GET("/unified/namespaces/" + UUID.randomUUID()), admin()).code())
        .as("a missing namespace, to an administrator")
        .isEqualTo(404);
  }

  @Test
  void pagesListEachOfTheCallersNamespacesOnceAndNoOneElses() throws Exception {
    String prefix = unique("paged");
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(prefix + "-" + i);
      create(prefix + "-" + i, owner);
    }
    String theirs = prefix + "-theirs";
    create(theirs, stranger);

    List<String> seen = new ArrayList<>();
    String next = "/unified/namespaces?limit=2&name=" + prefix;
    int pages = 0;
    while (next != null && pages++ < 20) {
      HttpResponse<String> page = send(HttpRequest.GET(next), owner);
      assertThat(page.code()).isEqualTo(200);
      List<Map<String, Object>> items = json.readValue(page.body(), ARRAY);
      assertThat(items).hasSizeLessThanOrEqualTo(2);
      items.forEach(item -> seen.add((String) item.get("namespace-name")));
      String link = page.header("Link");
      next = link == null ? null : link.substring(1, link.indexOf('>'));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(pages).isGreaterThanOrEqualTo(3);

    List<Map<String, Object>> all =
        json.readValue(
            send(HttpRequest.GET("/unified/namespaces?limit=200&name=" + prefix), admin()).body(),
            ARRAY);
    assertThat(all).extracting(item -> item.get("namespace-name")).contains(theirs);
    assertThat(send(HttpRequest.GET("/unified/namespaces?pageToken=bm90LWEtdG9rZW4"), owner).code())
        .isEqualTo(400);
  }

  @Test
  void anUpdateNeedsTheVersionItChangesAndOfTwoConcurrentOnesExactlyOneWins() throws Exception {
    String id = create(unique("versioned"), owner);
    String path = "/unified/namespaces/" + id;
    assertThat(send(HttpRequest.PUT(path, Map.of("tags", List.of("a"))), owner).code())
        .as("no If-Match")
        .isEqualTo(428);
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("tags", List.of("a"))).header("If-Match", "\"7\""),
                    owner)
                .code())
        .as("a version that never was")
        .isEqualTo(412);

    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> racers = new ArrayList<>();
    for (String tag : List.of("left", "right")) {
      racers.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return send(
                        HttpRequest.PUT(path, Map.of("tags", List.of(tag)))
                            .header("If-Match", "\"1\""),
                        owner)
                    .code();
              }));
    }
    start.countDown();
    List<Integer> codes = racers.stream().map(CompletableFuture::join).sorted().toList();
    assertThat(codes).isEqualTo(List.of(200, 412));

    HttpResponse<String> read = send(HttpRequest.GET(path), owner);
    assertThat(read.header(HttpHeaders.ETAG)).isEqualTo("\"2\"");
    assertThat(json.readValue(read.body(), OBJECT).get("tags"))
        .isIn(List.of("left"), List.of("right"));
  }

  @Test
  void aRenameMovesTheNameUnlessTakenOrCached() throws Exception {
    String first = unique("first");
    String taken = unique("taken");
    String id = create(first, owner);
    create(taken, stranger);
    String path = "/unified/namespaces/" + id;
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("namespace-name", taken)).header("If-Match", "*"),
                    owner)
                .code())
        .isEqualTo(409);

    String renamed = unique("renamed");
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("namespace-name", renamed))
                        .header("If-Match", "*"),
                    owner)
                .code())
        .isEqualTo(200);
    assertThat(send(HttpRequest.POST("/namespaces", Map.of("name", first)), stranger).code())
        .as("the old name is free again")
        .isEqualTo(201);
    assertThat(send(HttpRequest.POST("/namespaces", Map.of("name", renamed)), stranger).code())
        .isEqualTo(409);

    String now = Instant.now().toString();
    caches.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            "some-table",
            renamed,
            1,
            0,
            "active",
            null,
            null,
            now,
            now));
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("namespace-name", unique("again")))
                        .header("If-Match", "*"),
                    owner)
                .code())
        .as("its caches' project is its name")
        .isEqualTo(409);
  }

  @Test
  void aViewerReadsAndAnEditorChanges() throws Exception {
    String name = unique("roles");
    String id = create(name, owner);
    TestAccounts.Account viewer = accounts.signUp("unified-viewer");
    TestAccounts.Account editor = accounts.signUp("unified-editor");
    grant(name, viewer, "VIEWER");
    grant(name, editor, "EDITOR");
    String path = "/unified/namespaces/" + id;
    assertThat(send(HttpRequest.GET(path), viewer).code()).isEqualTo(200);
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("tags", List.of("v"))).header("If-Match", "*"),
                    viewer)
                .code())
        .isEqualTo(403);
    assertThat(
            send(
                    HttpRequest.PUT(path, Map.of("tags", List.of("e"))).header("If-Match", "*"),
                    editor)
                .code())
        .isEqualTo(200);
    assertThat(
            send(
                    HttpRequest.PUT(
                        "/namespaces/" + name + "/members",
                        Map.of("email", stranger.email(), "role", "VIEWER")),
                    editor)
                .code())
        .as("an editor manages no members")
        .isEqualTo(403);
  }

  @Test
  void deleteIsAnOwnersJobAndNothingInTheNamespaceChangesWhileItRuns() throws Exception {
    String name = unique("doomed");
    String id = create(name, owner);
    TestAccounts.Account editor = accounts.signUp("doomed-editor");
    TestAccounts.Account viewer = accounts.signUp("doomed-viewer");
    grant(name, editor, "EDITOR");
    grant(name, viewer, "VIEWER");
    String path = "/unified/namespaces/" + id;
    assertThat(send(HttpRequest.DELETE(path), editor).code()).isEqualTo(403);

    HttpResponse<String> accepted = send(HttpRequest.DELETE(path + "?deleteTables=true"), owner);

    assertThat(accepted.code()).as(accepted.body()).isEqualTo(202);
    Map<String, Object> job = json.readValue(accepted.body(), OBJECT);
    assertThat(job).containsEntry("type", "namespace.delete").containsEntry("status", "ACCEPTED");
    assertThat(accepted.header(HttpHeaders.LOCATION)).isEqualTo("/jobs/" + job.get("id"));
    HttpResponse<String> read = send(HttpRequest.GET(path), viewer);
    assertThat(read.code()).isEqualTo(200);
    assertThat(json.readValue(read.body(), OBJECT))
        .containsEntry("namespace-status", "deleting")
        .containsEntry("namespace-job-id", job.get("id"));
    HttpResponse<String> update =
        send(
            HttpRequest.PUT(path, Map.of("tags", List.of("x")))
                .header(HttpHeaders.IF_MATCH, read.header(HttpHeaders.ETAG)),
            owner);
    assertThat(update.code()).isEqualTo(409);
    assertThat(update.body()).contains("namespace-busy").contains((String) job.get("id"));
    assertThat(send(HttpRequest.DELETE(path), owner).code()).isEqualTo(409);
    assertThat(
            send(
                    HttpRequest.PUT(
                        "/namespaces/" + name + "/members",
                        Map.of("email", stranger.email(), "role", "VIEWER")),
                    owner)
                .code())
        .isEqualTo(409);
  }

  @Test
  void duplicateMakesACopyTheCallerOwnsAndOnlyOwnersCopySecrets() throws Exception {
    String name = unique("original");
    String id = create(name, owner);
    TestAccounts.Account viewer = accounts.signUp("copy-viewer");
    grant(name, viewer, "VIEWER");
    String path = "/unified/namespaces/" + id + "/duplicate";
    assertThat(send(HttpRequest.POST(path, Map.of()), stranger).code()).isEqualTo(403);
    assertThat(send(HttpRequest.POST(path, Map.of("includeSecrets", true)), viewer).code())
        .isEqualTo(403);
    HttpResponse<String> badName = send(HttpRequest.POST(path, Map.of("newName", "a b")), viewer);
    assertThat(badName.code()).isEqualTo(400);
    assertThat(badName.body()).contains("newName");

    HttpResponse<String> accepted = send(HttpRequest.POST(path, Map.of()), viewer);

    assertThat(accepted.code()).as(accepted.body()).isEqualTo(202);
    Map<String, Object> job = json.readValue(accepted.body(), OBJECT);
    assertThat(job).containsEntry("type", "namespace.duplicate");
    List<Map<String, Object>> found =
        json.readValue(
            send(HttpRequest.GET("/unified/namespaces?name=" + name + "-copy"), viewer).body(),
            ARRAY);
    assertThat(found).hasSize(1);
    assertThat(found.get(0))
        .containsEntry("namespace-name", name + "-copy")
        .containsEntry("created-by", viewer.userId())
        .containsEntry("namespace-status", "copying")
        .containsEntry("namespace-job-id", job.get("id"));
    assertThat(send(HttpRequest.POST(path, Map.of()), owner).code())
        .as("the default name is taken now")
        .isEqualTo(409);
    assertThat(
            send(
                    HttpRequest.POST(
                        path, Map.of("newName", name + "-with-secrets", "includeSecrets", true)),
                    owner)
                .code())
        .isEqualTo(202);
  }

  @Test
  void aMarkWhoseJobEndedWithoutLiftingItIsTakenOffAtTheNextChange() throws Exception {
    String id = create(unique("stale-mark"), owner);
    Job ended = jobs.accept("namespace.delete", "namespace:" + id, owner.userId());
    store.markBusy(id, Namespace.DELETING, ended.id());
    jobs.fail(ended.id(), new JobEvent.Problem("about:blank", "Gone", 500, "the worker died"));
    String path = "/unified/namespaces/" + id;

    HttpResponse<String> update =
        send(
            HttpRequest.PUT(path, Map.of("tags", List.of("healed")))
                .header(HttpHeaders.IF_MATCH, "*"),
            owner);

    assertThat(update.code()).as(update.body()).isEqualTo(200);
    assertThat(json.readValue(update.body(), OBJECT))
        .containsEntry("namespace-status", "ready")
        .containsEntry("tags", List.of("healed"));
  }

  private void grant(String namespace, TestAccounts.Account member, String role) {
    assertThat(
            send(
                    HttpRequest.PUT(
                        "/namespaces/" + namespace + "/members",
                        Map.of("email", member.email(), "role", role)),
                    owner)
                .code())
        .isEqualTo(200);
  }

  private String create(String name, TestAccounts.Account as) throws Exception {
    HttpResponse<String> created =
        send(HttpRequest.POST("/unified/namespaces", Map.of("namespace-name", name)), as);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    return (String) json.readValue(created.body(), OBJECT).get("namespace-id");
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }

  private TestAccounts.Account admin() {
    String token =
        tokens
            .generateToken(
                Authentication.build(
                    "unified-admin",
                    List.of(Roles.ADMIN, Roles.USER),
                    Map.of("email", "unified-admin@example.org")),
                600)
            .orElseThrow();
    return new TestAccounts.Account("unified-admin@example.org", "unified-admin", token);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
