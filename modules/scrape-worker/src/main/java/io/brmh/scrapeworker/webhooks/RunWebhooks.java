package io.brmh.scrapeworker.webhooks;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.webhook.WebhookDeliveryRequested;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The webhooks of a run: the namespace's active webhooks of the run's method, and those of its
 * table that name no method. A run asks for their {@code pre-exec-url} calls when it starts and for
 * their {@code post-exec-url} calls before it ends its job, on {@code brmh.webhook-deliveries}, and
 * waits until Kafka has them: a run that crashes in between asks again when it is taken over, with
 * the same delivery ids and bodies, so a call is never lost and a receiver can drop the repeat.
 */
@Singleton
public class RunWebhooks {
  static final String STARTED = "execution.started";
  static final String FINISHED = "execution.finished";
  private static final String SOURCE = "/brmh/scrape-worker";
  private static final int PAGE = 100;

  private final NamespaceEntityStore entities;
  private final EventPublisher publisher;

  RunWebhooks(NamespaceEntityStore entities, EventPublisher publisher) {
    this.entities = entities;
    this.publisher = publisher;
  }

  /**
   * Asks for the pre-exec calls of the run's webhooks that have one.
   *
   * @param occurredAt when the run started: the same when a crash makes a worker ask again
   */
  public void started(ScrapeExecutionRequested run, String occurredAt) {
    publish(run, WebhookDeliveryRequested.PRE_EXEC, STARTED, occurredAt, about(run));
  }

  /**
   * Asks for the post-exec calls of the run's webhooks.
   *
   * @param status how the run's job ends ({@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED})
   * @param occurredAt when that was decided: the same when a crash makes a worker ask again
   * @param outcome what the receiver learns of it: {@code result} or {@code error}
   */
  public void finished(
      ScrapeExecutionRequested run, String status, String occurredAt, Map<String, Object> outcome) {
    Map<String, Object> data = about(run);
    data.put("status", status);
    data.putAll(outcome);
    publish(run, WebhookDeliveryRequested.POST_EXEC, FINISHED, occurredAt, data);
  }

  private void publish(
      ScrapeExecutionRequested run,
      String hook,
      String event,
      String occurredAt,
      Map<String, Object> data) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (NamespaceEntity webhook : of(run, hook)) {
      var delivery =
          new WebhookDeliveryRequested(
              deliveryId(run.jobId(), webhook.id(), hook),
              webhook.id(),
              run.namespaceId(),
              hook,
              event,
              run.jobId(),
              occurredAt,
              data);
      sent.add(
          publisher.publish(
              new Envelope<>(
                  EnvelopeAttributes.create(
                          MessageType.WEBHOOK_DELIVERY_REQUESTED, SOURCE, "webhook:" + webhook.id())
                      .withJobId(run.jobId()),
                  delivery)));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  /** The run's active webhooks with a URL for {@code hook}. */
  private List<NamespaceEntity> of(ScrapeExecutionRequested run, String hook) {
    List<NamespaceEntity> found = new ArrayList<>();
    String token = null;
    do {
      NamespaceEntityStore.EntityPage page =
          entities.list(EntityKind.WEBHOOK, run.namespaceId(), PAGE, token, "status", "active");
      for (NamespaceEntity webhook : page.items()) {
        if (belongsTo(webhook, run) && !text(webhook, hook + "-url").isBlank()) {
          found.add(webhook);
        }
      }
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }

  private static boolean belongsTo(NamespaceEntity webhook, ScrapeExecutionRequested run) {
    String methodId = text(webhook, "method-id");
    return methodId.isBlank()
        ? run.tableName().equals(text(webhook, "tableName"))
        : run.methodId().equals(methodId);
  }

  private static String text(NamespaceEntity webhook, String field) {
    Object value = webhook.data().get(field);
    return value == null ? "" : value.toString();
  }

  private static Map<String, Object> about(ScrapeExecutionRequested run) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("methodId", run.methodId());
    data.put("accountId", run.accountId());
    data.put("tableName", run.tableName());
    return data;
  }

  /** The same for every try of one webhook's call for one run. */
  static String deliveryId(String jobId, String webhookId, String hook) {
    return UUID.nameUUIDFromBytes(
            (jobId + "/" + webhookId + "/" + hook).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
