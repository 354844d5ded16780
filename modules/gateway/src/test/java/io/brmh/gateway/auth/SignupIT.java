package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAdmin;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Signup with an e-mail code, read from the local outbox, on the real stack. */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignupIT implements TestPropertyProvider {
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;

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
  void theAccountIsMadeWhenTheCodeSentToTheAddressComesBack() throws Exception {
    String email = newAddress();
    assertThat(signup(email, "a long enough password").code()).isEqualTo(202);
    assertThat(login(email, "a long enough password").code())
        .as("no account before the code")
        .isEqualTo(401);
    String code = lastCode(email);

    HttpResponse<String> wrong = verify(email, code.equals("000000") ? "111111" : "000000");
    assertThat(wrong.code()).isEqualTo(400);
    HttpResponse<String> verified = verify(email, code);
    assertThat(verified.code()).isEqualTo(200);
    String body = GatewayClient.body(verified);
    assertThat(body).doesNotContain(code).doesNotContain("passwordHash").doesNotContain("$2b$");
    String access = json.readValue(body, JsonNode.class).get("accessToken").getStringValue();
    assertThat(client.send(HttpRequest.GET("/auth/me").bearerAuth(access)).code()).isEqualTo(200);
    assertThat(login(email, "a long enough password").code()).isEqualTo(200);
    assertThat(verify(email, code).code()).as("a code works once").isEqualTo(400);
  }

  @Test
  void anAddressWithAnAccountGetsANoticeAndTheCallerTheSameAnswer() throws Exception {
    String fresh = GatewayClient.body(signup(newAddress(), "a long enough password"));
    HttpResponse<String> existing = signup(TestAdmin.EMAIL, "another long password");

    assertThat(existing.code()).isEqualTo(202);
    assertThat(GatewayClient.body(existing)).isEqualTo(fresh);
    List<LocalOutbox.Delivered> sent = outbox.messagesTo(TestAdmin.EMAIL);
    assertThat(sent.get(sent.size() - 1).body())
        .contains("already has an account")
        .doesNotContainPattern("\\d{6}");
    assertThat(login(TestAdmin.EMAIL, TestAdmin.PASSWORD).code())
        .as("the password stays")
        .isEqualTo(200);
  }

  @Test
  void aCodeIsVoidAfterFiveWrongEntriesAndAResentCodeReplacesIt() throws Exception {
    String email = newAddress();
    signup(email, "a long enough password");
    String first = lastCode(email);
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(verify(email, first.equals("000000") ? "111111" : "000000").code()).isEqualTo(400);
    }
    assertThat(verify(email, first).code()).as("void after five wrong entries").isEqualTo(400);

    signup(email, "a long enough password");
    String second = lastCode(email);
    assertThat(
            client
                .send(HttpRequest.POST("/auth/resend-email-verification", Map.of("email", email)))
                .code())
        .isEqualTo(202);
    String third = lastCode(email);
    if (!third.equals(second)) {
      assertThat(verify(email, second).code()).as("replaced by the resent code").isEqualTo(400);
    }
    assertThat(verify(email, third).code()).isEqualTo(200);
  }

  /**
   * Someone who cannot read the address signs it up again with their own password: the owner's code
   * does not give them the account.
   */
  @Test
  void aLaterSignupByAnotherCannotPutItsPasswordOnTheOwnersAccount() throws Exception {
    String email = newAddress();
    signup(email, "the owner's password");
    signup(email, "the squatter's password");
    String code = lastCode(email);

    assertThat(verify(email, code, "the owner's password").code()).isEqualTo(400);
    assertThat(login(email, "the squatter's password").code())
        .as("no account with the squatter's password")
        .isEqualTo(401);

    signup(email, "the owner's password");
    assertThat(verify(email, lastCode(email), "the owner's password").code()).isEqualTo(200);
    assertThat(login(email, "the squatter's password").code()).isEqualTo(401);
  }

  @Test
  void aShortPasswordIsRefusedWithItsField() {
    HttpResponse<String> response = signup(newAddress(), "short");
    assertThat(response.code()).isEqualTo(400);
    assertThat(GatewayClient.body(response)).contains("password").doesNotContain("short\"");
  }

  private static String newAddress() {
    return "new-" + UUID.randomUUID() + "@example.org";
  }

  private String lastCode(String email) {
    List<LocalOutbox.Delivered> sent = outbox.messagesTo(email);
    assertThat(sent).isNotEmpty();
    Matcher matcher = CODE.matcher(sent.get(sent.size() - 1).body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> signup(String email, String password) {
    return client.send(
        HttpRequest.POST("/auth/signup", Map.of("email", email, "password", password)));
  }

  private HttpResponse<String> verify(String email, String code) {
    return verify(email, code, "a long enough password");
  }

  private HttpResponse<String> verify(String email, String code, String password) {
    return client.send(
        HttpRequest.POST(
            "/auth/verify-email", Map.of("email", email, "code", code, "password", password)));
  }

  private HttpResponse<String> login(String email, String password) {
    return client.send(
        HttpRequest.POST("/auth/login", Map.of("email", email, "password", password)));
  }
}
