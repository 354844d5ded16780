package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.gateway.messages.OutboundMessage;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Phone accounts on the real stack, their codes read from the local outbox's text messages. */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void aNumberSignsUpWithATextedCodeAndLogsInWithItsPassword() throws Exception {
    String number = "+1415" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String written =
        number.substring(0, 2)
            + " ("
            + number.substring(2, 5)
            + ") "
            + number.substring(5, 8)
            + "-"
            + number.substring(8);
    assertThat(
            post(
                    "/auth/phone/signup",
                    Map.of("phoneNumber", written, "password", "a long phone password"))
                .code())
        .isEqualTo(202);
    List<LocalOutbox.Delivered> texts = outbox.messagesTo(number);
    assertThat(texts).hasSize(1);
    assertThat(texts.get(0).channel()).isEqualTo(OutboundMessage.Channel.SMS);
    Matcher code = Pattern.compile("(\\d{6})").matcher(texts.get(0).body());
    assertThat(code.find()).isTrue();
    assertThat(
            post(
                    "/auth/phone/login",
                    Map.of("phoneNumber", number, "password", "a long phone password"))
                .code())
        .as("no account before the code")
        .isEqualTo(401);

    HttpResponse<String> verified =
        post(
            "/auth/phone/verify",
            Map.of(
                "phoneNumber", number, "code", code.group(1), "password", "a long phone password"));
    assertThat(verified.code()).isEqualTo(200);
    JsonNode user = json.readValue(GatewayClient.body(verified), JsonNode.class).get("user");
    assertThat(user.get("phoneNumber").getStringValue()).isEqualTo(number);

    HttpResponse<String> login =
        post(
            "/auth/phone/login",
            Map.of("phoneNumber", number, "password", "a long phone password"));
    assertThat(login.code()).isEqualTo(200);
    String access =
        json.readValue(GatewayClient.body(login), JsonNode.class)
            .get("accessToken")
            .getStringValue();
    String me = GatewayClient.body(client.send(HttpRequest.GET("/auth/me").bearerAuth(access)));
    assertThat(json.readValue(me, JsonNode.class).get("phoneNumber").getStringValue())
        .isEqualTo(number);
    assertThat(
            post(
                    "/auth/phone/login",
                    Map.of("phoneNumber", number, "password", "not the phone password"))
                .code())
        .isEqualTo(401);

    assertThat(
            post(
                    "/auth/phone/signup",
                    Map.of("phoneNumber", number, "password", "another long password"))
                .code())
        .isEqualTo(202);
    List<LocalOutbox.Delivered> after = outbox.messagesTo(number);
    assertThat(after.get(after.size() - 1).body())
        .contains("already has an account")
        .doesNotContainPattern("\\d{6}");
  }

  @Test
  void aNumberWithoutCountryCodeIsRefusedNotGuessed() {
    HttpResponse<String> response =
        post(
            "/auth/phone/signup",
            Map.of("phoneNumber", "9876543210", "password", "a long phone password"));
    assertThat(response.code()).isEqualTo(400);
    assertThat(GatewayClient.body(response)).contains("phoneNumber");
  }

  private HttpResponse<String> post(String path, Map<String, String> body) {
    return client.send(HttpRequest.POST(path, body));
  }
}
