package io.brmh.gateway;

import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real accounts for tests, made the way people make them: signup, the code from the local outbox,
 * verification.
 */
public final class TestAccounts {
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private final GatewayClient client;
  private final LocalOutbox outbox;
  private final JsonMapper json;

  public TestAccounts(GatewayClient client, LocalOutbox outbox, JsonMapper json) {
    this.client = client;
    this.outbox = outbox;
    this.json = json;
  }

  /** A signed-up person and a live access token of theirs. */
  public record Account(String email, String userId, String accessToken) {}

  public Account signUp(String name) throws IOException {
    String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    expect(
        client.send(
            HttpRequest.POST(
                "/auth/signup", Map.of("email", email, "password", "password of " + email))),
        202);
    List<LocalOutbox.Delivered> sent = outbox.messagesTo(email);
    Matcher code = CODE.matcher(sent.get(sent.size() - 1).body());
    if (!code.find()) {
      throw new IllegalStateException("no code in the message to " + email);
    }
    HttpResponse<String> verified =
        expect(
            client.send(
                HttpRequest.POST(
                    "/auth/verify-email",
                    Map.of(
                        "email",
                        email,
                        "code",
                        code.group(1),
                        "password",
                        "password of " + email))),
            200);
    JsonNode body = json.readValue(GatewayClient.body(verified), JsonNode.class);
    return new Account(
        email,
        body.get("user").get("userId").getStringValue(),
        body.get("accessToken").getStringValue());
  }

  private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
    if (response.code() != status) {
      throw new IllegalStateException(
          "expected " + status + ", got " + response.code() + ": " + GatewayClient.body(response));
    }
    return response;
  }
}
