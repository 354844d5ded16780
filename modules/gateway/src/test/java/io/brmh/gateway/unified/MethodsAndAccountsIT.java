package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.platform.security.JwtConfiguration;
import io.brmh.platform.security.SealedText;
import io.brmh.platform.unified.UnifiedConfiguration;
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
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A namespace's methods and accounts through the original's {@code /unified} routes: its field
 * names, versioned replacement, roles deciding who reads and changes what, and account credentials
 * sealed at rest, masked in every answer, kept when sent back masked, copied only for the owner,
 * and in no log line.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MethodsAndAccountsIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final String TOKEN = "Bearer upstream-" + UUID.randomUUID();
  private static final String API_KEY = "key-" + UUID.randomUUID();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject DynamoDbClient dynamo;
  @Inject JwtConfiguration jwt;
  @Inject UnifiedConfiguration config;

  private GatewayClient client;
  private TestAccounts accounts;
  private TestAccounts.Account owner;
  private TestAccounts.Account editor;
  private TestAccounts.Account stranger;
  private String namespace;
  private String namespaceName;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("items-owner");
    editor = accounts.signUp("items-editor");
    stranger = accounts.signUp("items-stranger");
    namespaceName = "items-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        post("/unified/namespaces", "{\"namespace-name\":\"" + namespaceName + "\"}", owner);
    namespace = (String) json.readValue(created.body(), OBJECT).get("namespace-id");
    assertThat(
            send(
                    HttpRequest.PUT(
                        "/namespaces/" + namespaceName + "/members",
                        Map.of("email", editor.email(), "role", "EDITOR")),
                    owner)
                .code())
        .isEqualTo(200);
  }

  @Test
  void aMethodIsMadeReadReplacedAndDeletedWithTheOriginalsFields() throws Exception {
    HttpResponse<String> created =
        post(
            "/unified/namespaces/" + namespace + "/methods",
            "{\"namespace-method-name\":\"list orders\",\"namespace-method-type\":\"GET\","
                + "\"namespace-method-url-override\":\"/orders.json\","
                + "\"namespace-method-queryParams\":[{\"key\":\"limit\",\"value\":\"250\"}],"
                + "\"sample-response\":{\"orders\":[{\"total\":12.3400000000000000001}]},\"tags\":[\"shop\"]}",
            editor);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    Map<String, Object> method = json.readValue(created.body(), OBJECT);
    String id = (String) method.get("id");
    assertThat(method)
        .containsEntry("namespace-method-id", id)
        .containsEntry("namespace-id", namespace)
        .containsEntry("namespace-method-name", "list orders")
        .containsEntry("namespace-method-type", "GET")
        .containsEntry("tags", List.of("shop"));
    assertThat(created.header(HttpHeaders.LOCATION)).isEqualTo("/unified/methods/" + id);
    assertThat(created.body()).contains("12.3400000000000000001");

    HttpResponse<String> read = send(HttpRequest.GET("/unified/methods/" + id), owner);
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");

    String replacement =
        "{\"namespace-method-name\":\"all orders\",\"namespace-method-type\":\"POST\"}";
    assertThat(put("/unified/methods/" + id, replacement, null, editor).code())
        .as("no If-Match")
        .isEqualTo(428);
    HttpResponse<String> replaced = put("/unified/methods/" + id, replacement, "\"1\"", editor);
    assertThat(replaced.code()).isEqualTo(200);
    Map<String, Object> after = json.readValue(replaced.body(), OBJECT);
    assertThat(after)
        .containsEntry("namespace-method-name", "all orders")
        .containsEntry("namespace-method-type", "POST")
        .containsEntry("namespace-id", namespace)
        .doesNotContainKey("tags");
    assertThat(put("/unified/methods/" + id, replacement, "\"1\"", editor).code())
        .as("stale")
        .isEqualTo(412);

    HttpResponse<String> copied = post("/unified/methods/" + id + "/duplicate", "{}", editor);
    assertThat(copied.code()).isEqualTo(201);
    assertThat((Map<String, Object>) json.readValue(copied.body(), OBJECT).get("method"))
        .containsEntry("namespace-method-name", "all orders (copy)")
        .containsEntry("duplicated-from", id);

    assertThat(send(HttpRequest.GET("/unified/accounts/" + id), owner).code())
        .as("a method is no account")
        .isEqualTo(404);
    assertThat(send(HttpRequest.DELETE("/unified/methods/" + id), editor).code()).isEqualTo(204);
    assertThat(send(HttpRequest.GET("/unified/methods/" + id), owner).code()).isEqualTo(404);
  }

  @Test
  void credentialsAreSealedAtRestMaskedInAnswersAndKeptWhenSentBackMasked() throws Exception {
    ListAppender<ILoggingEvent> log = captureLog();
    try {
      HttpResponse<String> created =
          post(
              "/unified/namespaces/" + namespace + "/accounts",
              "{\"namespace-account-name\":\"prod\",\"namespace-account-url-override\":\"https://api.example.org\","
                  + "\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\""
                  + TOKEN
                  + "\"},{\"key\":\"Accept\",\"value\":\"application/json\"}],"
                  + "\"variables\":[{\"key\":\"shop\",\"value\":\"demo\",\"secret\":false},"
                  + "{\"key\":\"client\",\"value\":\""
                  + API_KEY
                  + "\",\"secret\":true}]}",
              editor);
      assertThat(created.code()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).doesNotContain(TOKEN).doesNotContain(API_KEY);
      Map<String, Object> account = json.readValue(created.body(), OBJECT);
      String id = (String) account.get("id");
      assertThat(account.get("namespace-account-header"))
          .isEqualTo(
              List.of(
                  Map.of("key", "Authorization", "value", "********", "secret", true),
                  Map.of("key", "Accept", "value", "application/json", "secret", false)));

      Map<String, AttributeValue> stored = storedItem(id);
      assertThat(stored.toString()).doesNotContain(TOKEN).doesNotContain(API_KEY);
      assertThat(unseal(id, stored, "namespace-account-header/Authorization")).isEqualTo(TOKEN);
      assertThat(unseal(id, stored, "variables/client")).isEqualTo(API_KEY);

      for (String path :
          List.of("/unified/accounts/" + id, "/unified/namespaces/" + namespace + "/accounts")) {
        assertThat(send(HttpRequest.GET(path), owner).body())
            .as(path)
            .doesNotContain(TOKEN)
            .doesNotContain(API_KEY)
            .contains("********");
      }

      // The client edits what it read and sends the masks back: the credentials stay.
      HttpResponse<String> renamed =
          put(
              "/unified/accounts/" + id,
              "{\"namespace-account-name\":\"production\","
                  + "\"namespace-account-url-override\":\"https://api.example.org\","
                  + "\"namespace-account-header\":["
                  + "{\"key\":\"Authorization\",\"value\":\"********\"}],"
                  + "\"variables\":[{\"key\":\"client\",\"value\":\"********\",\"secret\":true}]}",
              "\"1\"",
              editor);
      assertThat(renamed.code()).as(renamed.body()).isEqualTo(200);
      Map<String, AttributeValue> after = storedItem(id);
      assertThat(unseal(id, after, "namespace-account-header/Authorization")).isEqualTo(TOKEN);
      assertThat(unseal(id, after, "variables/client")).isEqualTo(API_KEY);
      assertThat(
              put(
                      "/unified/accounts/" + id,
                      "{\"namespace-account-name\":\"x\",\"namespace-account-header\":["
                          + "{\"key\":\"X-New-Token\",\"value\":\"********\"}]}",
                      "\"2\"",
                      editor)
                  .code())
          .as("a mask where nothing is stored")
          .isEqualTo(400);
      HttpResponse<String> samePlace =
          put(
              "/unified/accounts/" + id,
              "{\"namespace-account-name\":\"production\","
                  + "\"namespace-account-url-override\":\"https://api.example.org/v2\","
                  + "\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\"********\"}]}",
              "\"2\"",
              editor);
      assertThat(samePlace.code()).as("another path of the same origin").isEqualTo(200);
      assertThat(unseal(id, storedItem(id), "namespace-account-header/Authorization"))
          .isEqualTo(TOKEN);
      HttpResponse<String> elsewhere =
          put(
              "/unified/accounts/" + id,
              "{\"namespace-account-name\":\"production\","
                  + "\"namespace-account-url-override\":\"https://collector.example.net\","
                  + "\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\"********\"}]}",
              "\"3\"",
              editor);
      assertThat(elsewhere.code())
          .as("credentials kept masked never follow the account to another origin")
          .isEqualTo(400);
    } finally {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(line -> line.contains(TOKEN) || line.contains(API_KEY));
  }

  @Test
  void aMethodHoldsNoCredentialEveryViewerWouldSee() {
    HttpResponse<String> refused =
        post(
            "/unified/namespaces/" + namespace + "/methods",
            "{\"namespace-method-name\":\"m\",\"namespace-method-type\":\"GET\","
                + "\"namespace-method-header\":[{\"key\":\"Accept\",\"value\":\"text/plain\"},"
                + "{\"key\":\"Authorization\",\"value\":\""
                + TOKEN
                + "\"}],\"namespace-method-queryParams\":[{\"key\":\"q\",\"value\":\"x\",\"secret\":true}]}",
            editor);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(GatewayClient.body(refused))
        .contains("\"field\":\"namespace-method-header[1]\"")
        .contains("\"field\":\"namespace-method-queryParams[0]\"")
        .doesNotContain(TOKEN);
  }

  @Test
  void aCopyCarriesCredentialsOnlyWhenTheOwnerAsks() throws Exception {
    String id = account("copied");
    HttpResponse<String> plain = post("/unified/accounts/" + id + "/duplicate", "{}", editor);
    assertThat(plain.code()).isEqualTo(201);
    Map<String, Object> copy =
        (Map<String, Object>) json.readValue(plain.body(), OBJECT).get("account");
    assertThat(copy.get("namespace-account-header"))
        .isEqualTo(List.of(Map.of("key", "Authorization", "value", "", "secret", true)));
    assertThat(storedItem((String) copy.get("id"))).doesNotContainKey("sealed");

    assertThat(
            post("/unified/accounts/" + id + "/duplicate", "{\"includeSecrets\":true}", editor)
                .code())
        .as("an editor may not copy credentials")
        .isEqualTo(403);
    HttpResponse<String> full =
        post("/unified/accounts/" + id + "/duplicate", "{\"includeSecrets\":true}", owner);
    assertThat(full.code()).isEqualTo(201);
    assertThat(full.body()).doesNotContain(TOKEN);
    String fullId = (String) json.readValue(full.body(), OBJECT).get("accountId");
    assertThat(unseal(fullId, storedItem(fullId), "namespace-account-header/Authorization"))
        .isEqualTo(TOKEN);
  }

  @Test
  void aStrangerReachesNoMethodOrAccountOfTheNamespace() throws Exception {
    String id = account("private");
    String method =
        (String)
            json.readValue(
                    post(
                            "/unified/namespaces/" + namespace + "/methods",
                            "{\"namespace-method-name\":\"m\",\"namespace-method-type\":\"GET\"}",
                            owner)
                        .body(),
                    OBJECT)
                .get("id");
    List<Integer> codes = new ArrayList<>();
    codes.add(send(HttpRequest.GET("/unified/accounts/" + id), stranger).code());
    codes.add(send(HttpRequest.GET("/unified/methods/" + method), stranger).code());
    codes.add(
        send(HttpRequest.GET("/unified/namespaces/" + namespace + "/accounts"), stranger).code());
    codes.add(
        send(HttpRequest.GET("/unified/namespaces/" + namespace + "/methods"), stranger).code());
    codes.add(
        post(
                "/unified/namespaces/" + namespace + "/methods",
                "{\"namespace-method-name\":\"m\",\"namespace-method-type\":\"GET\"}",
                stranger)
            .code());
    codes.add(
        put("/unified/accounts/" + id, "{\"namespace-account-name\":\"mine\"}", "*", stranger)
            .code());
    codes.add(send(HttpRequest.DELETE("/unified/methods/" + method), stranger).code());
    codes.add(post("/unified/accounts/" + id + "/duplicate", "{}", stranger).code());
    assertThat(codes).containsOnly(403);
  }

  private String account(String name) throws Exception {
    HttpResponse<String> created =
        post(
            "/unified/namespaces/" + namespace + "/accounts",
            "{\"namespace-account-name\":\""
                + name
                + "\",\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\""
                + TOKEN
                + "\"}]}",
            owner);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    return (String) json.readValue(created.body(), OBJECT).get("id");
  }

  private Map<String, AttributeValue> storedItem(String id) {
    return dynamo
        .getItem(
            b ->
                b.tableName(config.entitiesTable())
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .consistentRead(true))
        .item();
  }

  /** What the execution worker will do: unseal with the key and the place the value is bound to. */
  private String unseal(String id, Map<String, AttributeValue> item, String place) {
    return SealedText.keyed("account-secrets", jwt.secret())
        .unseal(id + "/" + place, item.get("sealed").m().get(place).s());
  }

  private static ListAppender<ILoggingEvent> captureLog() {
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    return captured;
  }

  private HttpResponse<String> post(String path, String body, TestAccounts.Account as) {
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), as);
  }

  private HttpResponse<String> put(
      String path, String body, String ifMatch, TestAccounts.Account as) {
    MutableHttpRequest<String> request =
        HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    if (ifMatch != null) {
      request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return send(request, as);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }
}
