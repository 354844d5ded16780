package io.brmh.gateway.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.brmh.platform.aws.AwsConfiguration;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SNS and SES cannot run here: a local port answers their wire protocols (SNS's query API, SES v2's
 * REST JSON) and records what the sender put on the wire.
 */
class AwsMessageSenderTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private AwsMessageSender sender;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
          byte[] answer;
          if (exchange.getRequestURI().getPath().startsWith("/v2/email")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer = "{\"MessageId\":\"ses-1\"}".getBytes(StandardCharsets.UTF_8);
          } else {
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            answer =
                ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>sns-1</MessageId>"
                        + "</PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>")
                    .getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    sender =
        new AwsMessageSender(
            new AwsConfiguration("eu-west-1", "AKIATEST", "secret", null, null, endpoint, endpoint),
            new MessagesConfiguration("aws", "no-reply@brmh.example"));
  }

  @AfterEach
  void stop() {
    sender.close();
    server.stop(0);
  }

  @Test
  void aTextMessageIsAnSnsPublishToTheNumberAsTransactionalSms() {
    sender.send(
        new OutboundMessage(
            OutboundMessage.Channel.SMS, "+14155550123", "ignored", "Your BRMH code is 123456."));

    assertThat(requests).hasSize(1);
    String request = URLDecoder.decode(requests.get(0), StandardCharsets.UTF_8);
    assertThat(request)
        .startsWith("POST / ")
        .contains("Action=Publish")
        .contains("PhoneNumber=+14155550123")
        .contains("Message=Your BRMH code is 123456.")
        .contains("AWS.SNS.SMS.SMSType")
        .contains("Transactional");
  }

  @Test
  void anEmailIsAnSesV2SimpleMessageFromTheConfiguredAddress() {
    sender.send(
        new OutboundMessage(
            OutboundMessage.Channel.EMAIL,
            "someone@example.org",
            "Your BRMH verification code",
            "Code 654321."));

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("POST /v2/email/outbound-emails ")
        .contains("\"FromEmailAddress\":\"no-reply@brmh.example\"")
        .contains("\"ToAddresses\":[\"someone@example.org\"]")
        .contains("Your BRMH verification code")
        .contains("Code 654321.");
  }
}
