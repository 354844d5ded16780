package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.platform.unified.WebhookSigning;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A namespace's webhooks through the original's {@code /unified/webhooks} routes: its field names,
 * listings by table, method and status that page through one namespace, versioned replacement, a
 * signing secret per webhook for its editors, and nothing of them for a stranger.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject WebhookSigning signing;

  private GatewayClient client;
  private TestAccounts.Account owner;
  private TestAccounts.Account stranger;
  private String namespace;
  private String method;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("hooks-owner");
    stranger = accounts.signUp("hooks-stranger");
    namespace = namespace();
    method =
        (String)
            json.readValue(
                    post(
                            "/unified/namespaces/" + namespace + "/methods",
                            "{\"namespace-method-name\":\"sync\",\"namespace-method-type\":\"GET\"}",
                            owner)
                        .body(),
                    OBJECT)
                .get("id");
  }

  @Test
  void aWebhookIsMadeListedByTableMethodAndStatusReplacedAndDeleted() throws Exception {
    String orders = webhook("orders-hook", "orders", method, "active");
    webhook("orders-old", "orders", null, "inactive");
    webhook("users-hook", "users", null, null);

    Map<String, Object> read =
        json.readValue(send(HttpRequest.GET("/unified/webhooks/" + orders), owner).body(), OBJECT);
    assertThat(read)
        .containsEntry("webhook-id", orders)
        .containsEntry("webhook-name", "orders-hook")
        .containsEntry("tableName", "orders")
        .containsEntry("post-exec-url", "https://hooks.example.org/after")
        .containsEntry("method-id", method)
        .containsEntry("status", "active")
        .containsEntry("namespace-id", namespace);

    assertThat(names("/unified/webhooks/table/orders?namespaceId=" + namespace))
        .containsExactlyInAnyOrder("orders-hook", "orders-old");
    assertThat(names("/unified/webhooks/method/" + method)).containsExactly("orders-hook");
    assertThat(names("/unified/webhooks/active?namespaceId=" + namespace))
        .containsExactlyInAnyOrder("orders-hook", "users-hook");
    assertThat(names("/unified/webhooks?limit=1&namespaceId=" + namespace))
        .containsExactlyInAnyOrder("orders-hook", "orders-old", "users-hook");

    String replacement =
        "{\"webhook-name\":\"orders-hook\",\"tableName\":\"orders\",\"post-exec-url\":"
            + "\"https://hooks.example.org/v2\",\"status\":\"inactive\"}";
    assertThat(put("/unified/webhooks/" + orders, replacement, null).code()).isEqualTo(428);
    HttpResponse<String> replaced = put("/unified/webhooks/" + orders, replacement, "\"1\"");
    assertThat(replaced.code()).isEqualTo(200);
    assertThat(json.readValue(replaced.body(), OBJECT))
        .containsEntry("post-exec-url", "https://hooks.example.org/v2")
        .containsEntry("status", "inactive");
    assertThat(names("/unified/webhooks/active?namespaceId=" + namespace))
        .containsExactly("users-hook");

    assertThat(send(HttpRequest.DELETE("/unified/webhooks/" + orders), owner).code())
        .isEqualTo(204);
    assertThat(send(HttpRequest.GET("/unified/webhooks/" + orders), owner).code()).isEqualTo(404);
  }

  @Test
  void badUrlsAndTablesAreRefusedNamingTheField() {
    HttpResponse<String> refused =
        post(
            "/unified/webhooks",
            "{\"namespace-id\":\""
                + namespace
                + "\",\"webhook-name\":\"x\",\"tableName\":\"a:b\",\"post-exec-url\":\"file:///etc/passwd\"}",
            owner);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(GatewayClient.body(refused))
        .contains("\"field\":\"tableName\"")
        .contains("\"field\":\"post-exec-url\"");
  }

  @Test
  void aWebhookNamesOnlyMethodsAndAccountsOfItsNamespace() throws Exception {
    String other = namespace();
    HttpResponse<String> refused =
        post(
            "/unified/webhooks",
            "{\"namespace-id\":\""
                + other
                + "\",\"webhook-name\":\"x\",\"tableName\":\"abc\",\"post-exec-url\":\"https://x.example\","
                + "\"method-id\":\""
                + method
                + "\"}",
            owner);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(GatewayClient.body(refused)).contains("\"field\":\"method-id\"");
  }

  @Test
  void aStrangerReachesNoWebhookOfTheNamespace() throws Exception {
    String id = webhookIn(namespace(), "private", "secret-table", null, null);
    List<Integer> codes = new ArrayList<>();
    codes.add(send(HttpRequest.GET("/unified/webhooks/" + id), stranger).code());
    codes.add(send(HttpRequest.GET("/unified/webhooks?namespaceId=" + namespace), stranger).code());
    codes.add(send(HttpRequest.GET("/unified/webhooks/namespace/" + namespace), stranger).code());
    codes.add(send(HttpRequest.GET("/unified/webhooks/method/" + method), stranger).code());
    codes.add(
        send(
                HttpRequest.GET("/unified/webhooks/table/secret-table?namespaceId=" + namespace),
                stranger)
            .code());
    codes.add(send(HttpRequest.DELETE("/unified/webhooks/" + id), stranger).code());
    codes.add(
        post(
                "/unified/webhooks",
                "{\"namespace-id\":\""
                    + namespace
                    + "\",\"webhook-name\":\"x\",\"tableName\":\"abc\",\"post-exec-url\":\"https://x.example\"}",
                stranger)
            .code());
    assertThat(codes).containsOnly(403);
  }

  @Test
  void aWebhooksSigningSecretIsItsOwnStableAndShownToEditorsOnly() throws Exception {
    String name = "hooks-signed-" + UUID.randomUUID().toString().substring(0, 8);
    String namespaceId =
        (String)
            json.readValue(
                    post("/unified/namespaces", "{\"namespace-name\":\"" + name + "\"}", owner)
                        .body(),
                    OBJECT)
                .get("namespace-id");
    TestAccounts.Account viewer = new TestAccounts(client, outbox, json).signUp("hooks-viewer");
    HttpResponse<String> added =
        send(
            HttpRequest.PUT(
                    "/namespaces/" + name + "/members",
                    "{\"email\":\"" + viewer.email() + "\",\"role\":\"VIEWER\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE),
            owner);
    assertThat(added.code()).as(added.body()).isEqualTo(200);
    String first = webhookIn(namespaceId, "signed-1", "signed-table", null, null);
    String second = webhookIn(namespaceId, "signed-2", "signed-table", null, null);

    HttpResponse<String> shown =
        send(HttpRequest.GET("/unified/webhooks/signing-secret/" + first), owner);

    assertThat(shown.code()).as(shown.body()).isEqualTo(200);
    assertThat(shown.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
    String secret = (String) json.readValue(shown.body(), OBJECT).get("signing-secret");
    assertThat(secret).startsWith("whsec_").isEqualTo(signing.secretOf(first));
    assertThat(secret).isEqualTo(secretOf(first)).isNotEqualTo(secretOf(second));
    assertThat(send(HttpRequest.GET("/unified/webhooks/" + first), owner).body())
        .doesNotContain(secret);
    // A table may be called signing-secret: its listing is still a listing, not a secret.
    HttpResponse<String> tableListing =
        send(
            HttpRequest.GET("/unified/webhooks/table/signing-secret?namespaceId=" + namespaceId),
            owner);
    assertThat(tableListing.code()).as(tableListing.body()).isEqualTo(200);
    assertThat(
            List.of(
                send(HttpRequest.GET("/unified/webhooks/signing-secret/" + first), viewer).code(),
                send(HttpRequest.GET("/unified/webhooks/signing-secret/" + first), stranger)
                    .code()))
        .containsOnly(403);
  }

  private String secretOf(String webhookId) throws Exception {
    return (String)
        json.readValue(
                send(HttpRequest.GET("/unified/webhooks/signing-secret/" + webhookId), owner)
                    .body(),
                OBJECT)
            .get("signing-secret");
  }

  /** A namespace of the owner's, one per test that counts what it holds. */
  private String namespace() throws Exception {
    return (String)
        json.readValue(
                post(
                        "/unified/namespaces",
                        "{\"namespace-name\":\"hooks-"
                            + UUID.randomUUID().toString().substring(0, 8)
                            + "\"}",
                        owner)
                    .body(),
                OBJECT)
            .get("namespace-id");
  }

  private List<String> names(String first) throws Exception {
    List<String> names = new ArrayList<>();
    String next = first;
    int pages = 0;
    while (next != null && pages++ < 20) {
      HttpResponse<String> page = send(HttpRequest.GET(next), owner);
      assertThat(page.code()).as(next + ": " + page.body()).isEqualTo(200);
      json.readValue(page.body(), Argument.listOf(OBJECT))
          .forEach(item -> names.add((String) item.get("webhook-name")));
      String link = page.header(HttpHeaders.LINK);
      next = link == null ? null : link.substring(1, link.indexOf('>'));
    }
    return names;
  }

  private String webhook(String name, String table, String methodId, String status)
      throws Exception {
    return webhookIn(namespace, name, table, methodId, status);
  }

  private String webhookIn(
      String namespaceId, String name, String table, String methodId, String status)
      throws Exception {
    String body =
        "{\"namespace-id\":\""
            + namespaceId
            + "\",\"webhook-name\":\""
            + name
            + "\",\"tableName\":\""
            + table
            + "\",\"post-exec-url\":\"https://hooks.example.org/after\""
            + (methodId == null ? "" : ",\"method-id\":\"" + methodId + "\"")
            + (status == null ? "" : ",\"status\":\"" + status + "\"")
            + "}";
    HttpResponse<String> created = post("/unified/webhooks", body, owner);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    return (String) json.readValue(created.body(), OBJECT).get("id");
  }

  private HttpResponse<String> post(String path, String body, TestAccounts.Account as) {
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), as);
  }

  private HttpResponse<String> put(String path, String body, String ifMatch) {
    MutableHttpRequest<String> request =
        HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    if (ifMatch != null) {
      request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return send(request, owner);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }
}
