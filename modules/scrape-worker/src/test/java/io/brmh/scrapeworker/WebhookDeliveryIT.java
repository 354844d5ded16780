package io.brmh.scrapeworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.contracts.Topic;
import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.testing.TopicRecords;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.WebhookSigning;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhooks of paginated runs against a real receiver: the run's own webhooks (of its method, or
 * of its table naming no method) are called before and after it, signed, in order; a receiver
 * briefly away is called again under the same delivery id; a call refused, given up, or to an
 * address BRMH does not call ends on {@code brmh.webhook-deliveries.dlq} with its reason, and the
 * run keeps its outcome.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT implements TestPropertyProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 3;

  private final FakeApi api = new FakeApi(120, 50);
  private final WebhookReceiver receiver = new WebhookReceiver();

  @Inject Executions executions;
  @Inject WebhookSigning signing;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.outbound.allowed-hosts", api.hostAndPort() + "," + receiver.hostAndPort());
    properties.put("brmh.webhooks.attempts", Integer.toString(ATTEMPTS));
    properties.put("brmh.webhooks.first-pause", "50ms");
    return properties;
  }

  @AfterAll
  void stop() {
    api.close();
    receiver.close();
  }

  @Test
  void aRunCallsItsOwnWebhooksBeforeAndAfterSignedAndNoOthers() throws Exception {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/cursor");
    NamespaceEntity other = executions.method(setup, "/token");
    String ofMethod = webhook(setup, method.id(), setup.table(), "/a/pre", "/a/post", "active");
    String ofTable = webhook(setup, null, setup.table(), null, "/b/post", "active");
    List<String> notCalled =
        List.of(
            webhook(setup, method.id(), setup.table(), "/c/pre", "/c/post", "inactive"),
            webhook(setup, other.id(), setup.table(), "/d/pre", "/d/post", "active"),
            webhook(setup, null, "another-table", "/e/pre", "/e/post", "active"));

    Job job = run(setup, method);

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/b/post").size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/a/post").size() == 1);
    WebhookReceiver.Call before = receiver.calls("/a/pre").get(0);
    WebhookReceiver.Call after = receiver.calls("/a/post").get(0);
    assertSigned(before, ofMethod);
    assertSigned(after, ofMethod);
    assertSigned(receiver.calls("/b/post").get(0), ofTable);
    Map<String, Object> started = JSON.readValue(before.body(), Map.class);
    Map<String, Object> finished = JSON.readValue(after.body(), Map.class);
    assertThat(started)
        .containsEntry("event", "execution.started")
        .containsEntry("jobId", job.id())
        .containsEntry("webhookId", ofMethod);
    assertThat(before.header("X-BRMH-Event")).isEqualTo("execution.started");
    assertThat(finished).containsEntry("event", "execution.finished");
    Map<String, Object> data = (Map<String, Object>) finished.get("data");
    assertThat(data)
        .containsEntry("status", "SUCCEEDED")
        .containsEntry("tableName", setup.table())
        .containsEntry("methodId", method.id());
    assertThat((Map<String, Object>) data.get("result")).containsEntry("itemsWritten", 120);
    assertThat(Instant.parse((String) started.get("occurredAt")))
        .isBeforeOrEqualTo(Instant.parse((String) finished.get("occurredAt")));
    // Every delivery was on Kafka before the job ended: the others were never asked for.
    assertThat(
            TopicRecords.withKeys(
                SharedDevstack.endpoints().kafkaBootstrapServers(),
                Topic.WEBHOOK_DELIVERIES.topicName(),
                notCalled))
        .isEmpty();
    assertThat(String.join("", receiver.calls("/a/post").get(0).headers().values()))
        .doesNotContain(Executions.SECRET);
  }

  @Test
  void aReceiverBrieflyAwayIsCalledAgainUnderTheSameDeliveryId() throws Exception {
    receiver.answering("/flaky", 503, 429, 200);
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/cursor");
    String webhook = webhook(setup, method.id(), setup.table(), null, "/flaky", "active");

    run(setup, method);

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/flaky").size() == 3);
    List<WebhookReceiver.Call> calls = receiver.calls("/flaky");
    assertThat(calls.stream().map(call -> call.header("X-BRMH-Delivery")).distinct()).hasSize(1);
    calls.forEach(call -> assertSigned(call, webhook));
    assertThat(deadLetters(List.of(webhook))).isEmpty();
  }

  @Test
  void aCallRefusedGivenUpOrToAForbiddenAddressIsDeadLetteredWithItsReason() throws Exception {
    receiver.answering("/down", 500).answering("/gone", 410).answering("/moved", 302);
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/cursor");
    String down = webhook(setup, method.id(), setup.table(), null, "/down", "active");
    String gone = webhook(setup, method.id(), setup.table(), null, "/gone", "active");
    String moved = webhook(setup, method.id(), setup.table(), null, "/moved", "active");
    String internal = webhookAt(setup, method.id(), "http://10.0.0.1/hook");

    Job job = run(setup, method);

    Map<String, String> reasons = new LinkedHashMap<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              deadLetters(List.of(down, gone, moved, internal))
                  .forEach(
                      letter ->
                          reasons.put(
                              letter.key(),
                              TopicRecords.header(letter, DeadLetters.ERROR_MESSAGE)));
              return reasons.size() == 4;
            });
    assertThat(reasons.get(down)).contains("answered 500").contains(ATTEMPTS + " tries");
    assertThat(reasons.get(gone)).contains("answered 410");
    assertThat(reasons.get(moved)).contains("answered 302");
    assertThat(reasons.get(internal)).contains("10.0.0.1");
    assertThat(reasons.values()).noneMatch(reason -> reason.contains("/down"));
    assertThat(receiver.calls("/down")).hasSize(ATTEMPTS);
    assertThat(receiver.calls("/gone")).hasSize(1);
    assertThat(receiver.calls("/moved")).hasSize(1);
    assertThat(executions.imports.jobs.find(job.id()).orElseThrow().status())
        .isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aFailedRunTellsItsWebhooksWhy() throws Exception {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity missing = executions.method(setup, "/no-such-list");
    webhook(setup, missing.id(), setup.table(), null, "/failed/post", "active");

    Job job = run(setup, missing);

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/failed/post").size() == 1);
    Map<String, Object> data =
        (Map<String, Object>)
            JSON.readValue(receiver.calls("/failed/post").get(0).body(), Map.class).get("data");
    assertThat(data).containsEntry("status", "FAILED");
    assertThat((Map<String, Object>) data.get("error"))
        .containsEntry("title", job.error().title())
        .containsEntry("detail", job.error().detail());
  }

  @Test
  void aRunTakenOverAfterItsEndWasDecidedSendsTheSameCallAndEndsTheSameWay() throws Exception {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/page");
    String webhook = webhook(setup, method.id(), setup.table(), null, "/resumed/post", "active");
    var request = executions.request(setup, method, "page", null, false);
    String decidedAt = "2026-12-03T10:00:00Z";
    // The worker that ran it decided it failed, recorded so on the job, and died.
    executions.imports.jobs.accept(
        request.jobId(), "scrape.execute", "namespace:" + setup.namespace().id(), Imports.OWNER);
    executions.imports.jobs.start(request.jobId());
    executions.imports.jobs.checkpoint(
        request.jobId(),
        "{\"startedAt\":\"2026-12-03T09:59:00Z\",\"announced\":true,\"at\":null,"
            + "\"ending\":{\"status\":\"FAILED\",\"occurredAt\":\""
            + decidedAt
            + "\",\"result\":null,\"error\":{\"type\":\"https://brmh.io/problems/x\","
            + "\"title\":\"Decided before\",\"status\":502,\"detail\":\"the first try\"}}}",
        0,
        "items");
    int pagesBefore = api.requests("/page");

    executions.deliver(request);

    Job job =
        executions.imports.awaitEnd(executions.imports.jobs.find(request.jobId()).orElseThrow());
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error().title()).isEqualTo("Decided before");
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/resumed/post").size() == 1);
    WebhookReceiver.Call call = receiver.calls("/resumed/post").get(0);
    Map<String, Object> body = JSON.readValue(call.body(), Map.class);
    assertThat(body).containsEntry("occurredAt", decidedAt);
    assertThat((Map<String, Object>) body.get("data")).containsEntry("status", "FAILED");
    assertThat(call.header("X-BRMH-Delivery"))
        .isEqualTo(
            UUID.nameUUIDFromBytes(
                    (request.jobId() + "/" + webhook + "/post-exec")
                        .getBytes(StandardCharsets.UTF_8))
                .toString());
    assertThat(api.requests("/page")).isEqualTo(pagesBefore);
    assertThat(executions.items(setup.table())).isEmpty();
  }

  private Job run(Executions.Setup setup, NamespaceEntity method) {
    return executions.imports.awaitEnd(
        executions.submit(executions.request(setup, method, "cursor", null, false)));
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(List<String> webhooks) {
    return TopicRecords.withKeys(
        SharedDevstack.endpoints().kafkaBootstrapServers(),
        Topic.WEBHOOK_DELIVERIES.deadLetterTopicName(),
        webhooks);
  }

  /** The signature a receiver computes from the secret alone matches the call's. */
  private void assertSigned(WebhookReceiver.Call call, String webhookId) {
    String timestamp = call.header(WebhookSigning.TIMESTAMP_HEADER);
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
        .isLessThan(120);
    assertThat(call.header(WebhookSigning.SIGNATURE_HEADER))
        .isEqualTo("sha256=" + hmac(signing.secretOf(webhookId), timestamp + "." + call.body()));
    assertThat(call.header("Content-Type")).startsWith("application/json");
  }

  private static String hmac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String webhook(
      Executions.Setup setup,
      String methodId,
      String table,
      String prePath,
      String postPath,
      String status) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("webhook-name", "hook " + postPath);
    data.put("tableName", table);
    data.put("post-exec-url", receiver.url(postPath));
    if (prePath != null) {
      data.put("pre-exec-url", receiver.url(prePath));
    }
    if (methodId != null) {
      data.put("method-id", methodId);
    }
    data.put("status", status);
    return create(setup, data);
  }

  private String webhookAt(Executions.Setup setup, String methodId, String post) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("webhook-name", "hook at " + post);
    data.put("tableName", setup.table());
    data.put("post-exec-url", post);
    data.put("method-id", methodId);
    data.put("status", "active");
    return create(setup, data);
  }

  private String create(Executions.Setup setup, Map<String, Object> data) {
    NamespaceEntity webhook =
        new NamespaceEntity(
            UUID.randomUUID().toString(),
            EntityKind.WEBHOOK,
            setup.namespace().id(),
            data,
            Map.of(),
            1,
            Instant.now(),
            Instant.now());
    executions.entities.create(webhook);
    return webhook.id();
  }
}
