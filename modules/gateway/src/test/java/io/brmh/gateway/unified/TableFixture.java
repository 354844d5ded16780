package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.platform.security.Roles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the table ITs set up through the API, as a user would: namespaces, a method's table made by
 * {@code schema/table}, members, an administrator's token; and requests sent as one of them.
 */
final class TableFixture {
  static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

  private final GatewayClient client;
  private final JsonMapper json;

  TableFixture(GatewayClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  /** A namespace made by {@code owner}: its name and id. */
  record Namespace(String name, String id) {}

  Namespace namespace(String prefix, TestAccounts.Account owner) throws IOException {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        field(
            send(
                HttpMethod.POST,
                "/unified/namespaces",
                "{\"namespace-name\":\"" + name + "\"}",
                owner),
            "namespace-id");
    return new Namespace(name, id);
  }

  /** A method's table made through {@code schema/table}, with a schema and an account for it. */
  void methodTable(Namespace namespace, String table, TestAccounts.Account owner)
      throws IOException {
    String schema =
        field(
            send(
                HttpMethod.POST,
                "/unified/schema",
                "{\"namespaceId\":\""
                    + namespace.id()
                    + "\",\"schemaName\":\"o\",\"schema\":{\"type\":\"object\"}}",
                owner),
            "schemaId");
    String account =
        field(
            send(
                HttpMethod.POST,
                "/unified/namespaces/" + namespace.id() + "/accounts",
                "{\"namespace-account-name\":\"a\"}",
                owner),
            "id");
    field(
        send(
            HttpMethod.POST,
            "/unified/schema/table",
            "{\"schemaId\":\""
                + schema
                + "\",\"accountId\":\""
                + account
                + "\",\"methodName\":\"orders\",\"tableName\":\""
                + table
                + "\"}",
            owner),
        "tableName");
  }

  void addMember(
      Namespace namespace, TestAccounts.Account member, String role, TestAccounts.Account owner) {
    HttpResponse<String> added =
        send(
            HttpMethod.PUT,
            "/namespaces/" + namespace.name() + "/members",
            "{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}",
            owner);
    assertThat(added.code()).as(added.body()).isEqualTo(200);
  }

  static TestAccounts.Account administrator(TokenGenerator tokens, String name) {
    String email = name + "@example.org";
    String token =
        tokens
            .generateToken(
                Authentication.build(
                    name, List.of(Roles.ADMIN, Roles.USER), Map.of("email", email)),
                600)
            .orElseThrow();
    return new TestAccounts.Account(email, name, token);
  }

  HttpResponse<String> send(HttpMethod method, String path, String body, TestAccounts.Account as) {
    MutableHttpRequest<Object> request = HttpRequest.create(method, path);
    if (body != null) {
      request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    return client.send(request.bearerAuth(as.accessToken()));
  }

  /** The answer's body, after checking its status. */
  Map<String, Object> expect(HttpResponse<String> answer, int status) throws IOException {
    assertThat(answer.code()).as(answer.body()).isEqualTo(status);
    String body = GatewayClient.body(answer);
    return body.isEmpty() ? Map.of() : json.readValue(body, OBJECT);
  }

  String field(HttpResponse<String> answer, String name) throws IOException {
    assertThat(answer.code()).as(answer.body()).isBetween(200, 201);
    return (String) json.readValue(answer.body(), OBJECT).get(name);
  }
}
