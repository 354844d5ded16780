package io.brmh.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
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

/** Health, the original's /test and the API docs answer without a token. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicRoutesIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void readinessIsUpWithEveryDependencyOnTheDevstack() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.GET("/health/ready"));

    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    JsonNode readiness = json.readValue(GatewayClient.body(response), JsonNode.class);
    assertThat(readiness.get("status").getStringValue()).isEqualTo("UP");
    for (String dependency : new String[] {"kafka", "redis", "dynamodb", "s3"}) {
      assertThat(readiness.get("dependencies").get(dependency).get("status").getStringValue())
          .as(dependency)
          .isEqualTo("UP");
    }
  }

  @Test
  void livenessAndTheOriginalTestRouteAnswerWithoutAToken() {
    assertThat(client.send(HttpRequest.GET("/health/live")).code())
        .isEqualTo(HttpStatus.OK.getCode());
    HttpResponse<String> test = client.send(HttpRequest.GET("/test"));
    assertThat(test.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(GatewayClient.body(test)).contains("BRMH backend is running");
  }

  @Test
  void openApiDocumentAndItsUiAreServed() {
    HttpResponse<String> document = client.send(HttpRequest.GET("/swagger/brmh-api-0.1.yml"));
    assertThat(document.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(GatewayClient.body(document))
        .contains("openapi: 3.")
        .contains("/auth/login")
        .contains("/health/ready");

    HttpResponse<String> ui = client.send(HttpRequest.GET("/swagger-ui/index.html"));
    assertThat(ui.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(GatewayClient.body(ui)).contains("brmh-api-0.1.yml");
  }
}
