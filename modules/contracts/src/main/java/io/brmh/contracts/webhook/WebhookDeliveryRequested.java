package io.brmh.contracts.webhook;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Call one webhook of a namespace: its {@code pre-exec-url} before a run of a method into a table,
 * or its {@code post-exec-url} after. Wire name {@code brmh.webhook.delivery-requested.v1} on
 * {@code brmh.webhook-deliveries}, keyed by the webhook id, so one webhook's calls arrive in order.
 * Carries neither the URL nor a secret: the deliverer reads the webhook when it calls, so a webhook
 * changed or switched off meanwhile is called as it is then, or not at all.
 *
 * @param deliveryId the same for every try and every redelivery of this call (the run's job, the
 *     webhook and the hook name it), so that a receiver can drop repeats
 * @param webhookId the webhook called
 * @param namespaceId the namespace of the webhook and of the run
 * @param hook {@code pre-exec} or {@code post-exec}
 * @param event what happened: {@code execution.started} or {@code execution.finished}
 * @param jobId the run's job
 * @param occurredAt when it happened (ISO-8601)
 * @param data what the receiver is told: the method, the table, and after a run its outcome
 */
@Serdeable
public record WebhookDeliveryRequested(
    String deliveryId,
    String webhookId,
    String namespaceId,
    String hook,
    String event,
    String jobId,
    String occurredAt,
    Map<String, Object> data) {

  /** The hook called before a run. */
  public static final String PRE_EXEC = "pre-exec";

  /** The hook called after a run. */
  public static final String POST_EXEC = "post-exec";
}
