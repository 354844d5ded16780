package io.brmh.gateway.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Per-namespace roles between real accounts: the creator owns the namespace; another account
 * reaches its caches only with a role granted by an owner, and only as far as that role goes.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespacesIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject TokenGenerator tokens;
  @Inject DynamoDbClient dynamo;
  @Inject NamespaceStore namespaces;

  private GatewayClient client;
  private TestAccounts accounts;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() {
    client = new GatewayClient(http.toBlocking());
    accounts = new TestAccounts(client, outbox, json);
  }

  @Test
  void anotherAccountReachesANamespaceOnlyAsFarAsItsGrantedRole() throws Exception {
    TestAccounts.Account owner = accounts.signUp("owner");
    TestAccounts.Account other = accounts.signUp("other");
    String namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(status(HttpRequest.POST("/namespaces", Map.of("name", namespace)), owner))
        .isEqualTo(201);
    assertThat(status(HttpRequest.POST("/namespaces", Map.of("name", namespace)), other))
        .as("taken")
        .isEqualTo(409);

    String read = "/cache/stats?project=" + namespace + "&table=some-table";
    assertThat(status(HttpRequest.GET(read), owner)).isEqualTo(200);
    assertThat(status(HttpRequest.GET(read), other)).isEqualTo(403);
    assertThat(status(HttpRequest.GET("/namespaces/" + namespace + "/members"), other))
        .isEqualTo(403);

    assertThat(
            status(
                HttpRequest.PUT(
                    "/namespaces/" + namespace + "/members",
                    Map.of("email", other.email(), "role", "VIEWER")),
                owner))
        .isEqualTo(200);
    assertThat(status(HttpRequest.GET(read), other)).isEqualTo(200);
    assertThat(
            status(
                HttpRequest.POST(
                    "/cache/table", Map.of("project", namespace, "table", "some-table")),
                other))
        .as("a viewer starts no loads")
        .isEqualTo(403);
    assertThat(
            status(
                HttpRequest.PUT(
                    "/namespaces/" + namespace + "/members",
                    Map.of("email", other.email(), "role", "OWNER")),
                other))
        .as("a viewer grants nothing, not even to itself")
        .isEqualTo(403);

    assertThat(
            status(
                HttpRequest.DELETE("/namespaces/" + namespace + "/members/" + owner.userId()),
                owner))
        .as("the last owner stays")
        .isEqualTo(409);
    assertThat(
            status(
                HttpRequest.DELETE("/namespaces/" + namespace + "/members/" + other.userId()),
                owner))
        .isEqualTo(204);
    assertThat(status(HttpRequest.GET(read), other)).isEqualTo(403);
  }

  /**
   * A cache configuration never makes its namespace: it needs an existing one, so nobody who claims
   * a name first becomes owner of caches configured later for it without the owner's consent, and a
   * claimed name stays claimed.
   */
  @Test
  void aCacheNeedsAnExistingNamespaceAndNeverClaimsOne() throws Exception {
    String table = "claimed-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.createTable(
        t ->
            t.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    d -> d.attributeName("id").attributeType(ScalarAttributeType.S)));
    String project = "proj-" + UUID.randomUUID().toString().substring(0, 8);
    String admin =
        tokens
            .generateToken(
                Authentication.build(
                    "admin-ns",
                    List.of(Roles.ADMIN, Roles.USER),
                    Map.of("email", "admin-ns@example.org")),
                600)
            .orElseThrow();
    var config =
        HttpRequest.POST(
            "/cache/configs", Map.of("tableName", table, "project", project, "itemsPerKey", 1));
    var refused = client.send(config.bearerAuth(admin));
    assertThat(refused.code()).as("no namespace of that name").isEqualTo(400);
    assertThat(GatewayClient.body(refused)).contains("\"field\":\"project\"");
    assertThat(namespaces.findByName(project)).as("none was made").isEmpty();

    assertThat(
            client
                .send(HttpRequest.POST("/namespaces", Map.of("name", project)).bearerAuth(admin))
                .code())
        .isEqualTo(201);
    assertThat(client.send(config.bearerAuth(admin)).code()).isEqualTo(201);

    TestAccounts.Account user = accounts.signUp("claimer");
    assertThat(status(HttpRequest.POST("/namespaces", Map.of("name", project)), user))
        .isEqualTo(409);
    assertThat(status(HttpRequest.GET("/cache/stats?project=" + project + "&table=" + table), user))
        .isEqualTo(403);
    assertThat(
            client
                .send(HttpRequest.GET("/namespaces/" + project + "/members").bearerAuth(admin))
                .body())
        .contains("admin-ns");
  }

  /** The first layout's namespace marker was a member item; no path reaches bookkeeping now. */
  @Test
  void noMemberPathAddressesBookkeeping() throws Exception {
    TestAccounts.Account owner = accounts.signUp("keeper");
    String namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
    status(HttpRequest.POST("/namespaces", Map.of("name", namespace)), owner);
    for (String member : List.of("%23namespace", "name%23" + namespace, "..%2F..%2Fx")) {
      assertThat(
              status(HttpRequest.DELETE("/namespaces/" + namespace + "/members/" + member), owner))
          .as(member)
          .isEqualTo(400);
    }
    TestAccounts.Account late = accounts.signUp("late");
    assertThat(status(HttpRequest.POST("/namespaces", Map.of("name", namespace)), late))
        .as("still claimed")
        .isEqualTo(409);
  }

  @Test
  void grantingToAnUnknownAddressIsNotFound() throws Exception {
    TestAccounts.Account owner = accounts.signUp("owner");
    String namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
    status(HttpRequest.POST("/namespaces", Map.of("name", namespace)), owner);
    assertThat(
            status(
                HttpRequest.PUT(
                    "/namespaces/" + namespace + "/members",
                    Map.of(
                        "email", "nobody-" + UUID.randomUUID() + "@example.org", "role", "EDITOR")),
                owner))
        .isEqualTo(404);
  }

  private int status(io.micronaut.http.MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken())).code();
  }
}
