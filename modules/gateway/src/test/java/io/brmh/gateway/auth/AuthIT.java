package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAdmin;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Login against the users table, bearer tokens on protected routes, problem+json on refusal. */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestAdmin.properties();
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void adminCreatedAtStartUpLogsInAndGetsAJwtThatOpensProtectedRoutes() throws Exception {
    HttpResponse<String> login = login(TestAdmin.EMAIL, TestAdmin.PASSWORD);
    assertThat(login.code()).isEqualTo(HttpStatus.OK.getCode());
    JsonNode body = json.readValue(GatewayClient.body(login), JsonNode.class);
    String token = body.get("accessToken").getStringValue();
    assertThat(token.split("\\.")).hasSize(3);
    assertThat(body.get("tokenType").getStringValue()).isEqualTo("Bearer");
    assertThat(GatewayClient.body(login))
        .doesNotContain("passwordHash")
        .doesNotContain(TestAdmin.PASSWORD);

    HttpResponse<String> me = client.send(HttpRequest.GET("/auth/me").bearerAuth(token));
    assertThat(me.code()).isEqualTo(HttpStatus.OK.getCode());
    JsonNode account = json.readValue(GatewayClient.body(me), JsonNode.class);
    assertThat(account.get("email").getStringValue()).isEqualTo(TestAdmin.EMAIL);
    assertThat(GatewayClient.body(me)).contains("\"admin\"");
  }

  @Test
  void emailIsMatchedWithoutRegardToCase() {
    assertThat(login("Admin@BRMH.local", TestAdmin.PASSWORD).code())
        .isEqualTo(HttpStatus.OK.getCode());
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSame401Problem() {
    HttpResponse<String> wrongPassword = login(TestAdmin.EMAIL, "not the password");
    HttpResponse<String> unknownEmail = login("nobody@brmh.local", TestAdmin.PASSWORD);

    for (HttpResponse<String> response : java.util.List.of(wrongPassword, unknownEmail)) {
      assertThat(response.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
      assertThat(response.getContentType())
          .hasValueSatisfying(
              type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
    }
    assertThat(GatewayClient.body(wrongPassword))
        .isEqualTo(GatewayClient.body(unknownEmail).replace("nobody", "nobody"));
  }

  @Test
  void malformedEmailIsA400NamingTheField() throws Exception {
    HttpResponse<String> response = login("not-an-email", TestAdmin.PASSWORD);

    assertThat(response.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
    JsonNode problem = json.readValue(GatewayClient.body(response), JsonNode.class);
    assertThat(problem.get("errors")).as(GatewayClient.body(response)).isNotNull();
    assertThat(problem.get("errors").get(0).get("field").getStringValue()).isEqualTo("email");
    assertThat(GatewayClient.body(response)).doesNotContain(TestAdmin.PASSWORD);
  }

  @Test
  void unreadableBodyIsA400Problem() {
    HttpResponse<String> response =
        client.send(HttpRequest.POST("/auth/login", "{not json").contentType("application/json"));

    assertThat(response.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
  }

  @Test
  void protectedRouteWithoutATokenIsA401Problem() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.GET("/auth/me"));

    assertThat(response.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
    JsonNode problem = json.readValue(GatewayClient.body(response), JsonNode.class);
    assertThat(problem.get("status").getIntValue()).isEqualTo(401);
    assertThat(problem.get("title").getStringValue()).isEqualTo("Unauthorized");
  }

  @Test
  void tamperedTokenIsRefused() throws Exception {
    String token =
        json.readValue(
                GatewayClient.body(login(TestAdmin.EMAIL, TestAdmin.PASSWORD)), JsonNode.class)
            .get("accessToken")
            .getStringValue();
    String[] parts = token.split("\\.");
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"sub\":\"someone-else\",\"roles\":[\"admin\"]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String forged = parts[0] + "." + forgedPayload + "." + parts[2];

    assertThat(client.send(HttpRequest.GET("/auth/me").bearerAuth(forged)).code())
        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
  }

  @Test
  void unknownRouteWithATokenIsA404Problem() throws Exception {
    String token =
        json.readValue(
                GatewayClient.body(login(TestAdmin.EMAIL, TestAdmin.PASSWORD)), JsonNode.class)
            .get("accessToken")
            .getStringValue();

    HttpResponse<String> response =
        client.send(HttpRequest.GET("/no/such/route").bearerAuth(token));

    assertThat(response.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
  }

  private HttpResponse<String> login(String email, String password) {
    return client.send(
        HttpRequest.POST("/auth/login", Map.of("email", email, "password", password)));
  }
}
