package io.brmh.scrapeworker.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.contracts.webhook.WebhookDeliveryRequested;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.ordered.UnprocessableRecordException;
import io.brmh.platform.outbound.OutboundDeadlineException;
import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundRequest;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.WebhookSigning;
import io.brmh.scrapeworker.execute.Waits;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one webhook, as it is at the time of the call: a webhook deleted or switched off meanwhile
 * is not called. The call is a signed JSON POST through the outbound client (the webhook's address
 * checked like every address a user gives), never redirected. A receiver that is briefly away (no
 * connection, no answer in time, 408, 425, 429, 5xx) is tried again after a growing wait or its
 * {@code Retry-After}, a bounded number of times within a time budget; a receiver that refuses the
 * call (another 4xx, a redirect), an address BRMH does not call, or the last failed try ends the
 * call on the dead-letter topic. Messages and logs name the webhook and its host, never its
 * address: webhook URLs often carry a token.
 */
@Singleton
class WebhookCalls {
  static final String EVENT_HEADER = "X-BRMH-Event";
  static final String DELIVERY_HEADER = "X-BRMH-Delivery";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookCalls.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NamespaceEntityStore entities;
  private final SafeHttpClient client;
  private final WebhookSigning signing;
  private final WebhookDeliveryConfiguration config;

  WebhookCalls(
      NamespaceEntityStore entities,
      SafeHttpClient client,
      WebhookSigning signing,
      WebhookDeliveryConfiguration config) {
    this.entities = entities;
    this.client = client;
    this.signing = signing;
    this.config = config;
  }

  /**
   * @throws UnprocessableRecordException when the call will not be delivered
   * @throws JobSteps.Stopped when the worker stops between two tries; the call is made again
   */
  void deliver(WebhookDeliveryRequested delivery, BooleanSupplier stopRequested) {
    Optional<URI> address = address(delivery);
    if (address.isEmpty()) {
      return;
    }
    URI uri = address.get();
    String called = "webhook " + delivery.webhookId() + " (" + uri.getHost() + ")";
    byte[] body = body(delivery);
    Duration backoff = config.firstPause();
    String last = "";
    long giveUpAt = System.nanoTime() + config.budget().toNanos();
    int attempt = 0;
    while (++attempt <= config.attempts()) {
      if (stopRequested.getAsBoolean()) {
        throw new JobSteps.Stopped();
      }
      Duration wait;
      try {
        OutboundResponse answer = client.sendWithoutRedirects(request(delivery, uri, body));
        int status = answer.status();
        if (status >= 200 && status < 300) {
          LOG.info(
              "{} took the {} call of job {} (try {})",
              called,
              delivery.hook(),
              delivery.jobId(),
              attempt);
          return;
        }
        if (!worthAnotherTry(status)) {
          throw new UnprocessableRecordException(
              called + " answered " + status + "; a call the receiver refuses is not made again.");
        }
        last = called + " answered " + status;
        wait = Waits.requested(answer).orElse(backoff);
      } catch (OutboundDeadlineException slow) {
        last = called + " did not answer in time";
        wait = backoff;
      } catch (OutboundRefusedException refused) {
        throw new UnprocessableRecordException(called + ": " + refused.getMessage(), refused);
      } catch (IOException unreachable) {
        last = called + " could not be reached: " + unreachable.getClass().getSimpleName();
        wait = backoff;
      }
      backoff = shorter(backoff.multipliedBy(2), config.longestPause());
      Duration pause = shorter(wait, config.longestPause());
      if (attempt == config.attempts() || System.nanoTime() + pause.toNanos() > giveUpAt) {
        break; // the webhooks behind this one on its partition have waited long enough
      }
      LOG.info("{}; trying again in {} ms", last, pause.toMillis());
      Waits.pause(
          pause,
          () -> {
            if (stopRequested.getAsBoolean()) {
              throw new JobSteps.Stopped();
            }
          });
    }
    throw new UnprocessableRecordException(
        last + ", " + Math.min(attempt, config.attempts()) + " tries; the call is given up.");
  }

  /** Where to call, or empty when the webhook is gone, off, or has no URL for this hook. */
  private Optional<URI> address(WebhookDeliveryRequested delivery) {
    Optional<NamespaceEntity> webhook =
        entities
            .find(EntityKind.WEBHOOK, delivery.webhookId())
            .filter(found -> found.namespaceId().equals(delivery.namespaceId()))
            .filter(found -> "active".equals(found.data().get("status")));
    Object url = webhook.map(found -> found.data().get(delivery.hook() + "-url")).orElse(null);
    if (url == null || url.toString().isBlank()) {
      LOG.info(
          "Webhook {} is gone, off, or has no {} URL: its call for job {} is not made",
          delivery.webhookId(),
          delivery.hook(),
          delivery.jobId());
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(url.toString());
    } catch (IllegalArgumentException unreadable) {
      uri = null;
    }
    // Refused without quoting it: the address may carry a token.
    if (uri == null
        || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme())
            || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new UnprocessableRecordException(
          "webhook "
              + delivery.webhookId()
              + " has a "
              + delivery.hook()
              + " URL that is no http(s) address with a host");
    }
    return Optional.of(uri);
  }

  private OutboundRequest request(WebhookDeliveryRequested delivery, URI uri, byte[] body) {
    long now = Instant.now().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT_HEADER, delivery.event());
    headers.put(DELIVERY_HEADER, delivery.deliveryId());
    headers.put(WebhookSigning.TIMESTAMP_HEADER, Long.toString(now));
    headers.put(
        WebhookSigning.SIGNATURE_HEADER, signing.signatureFor(delivery.webhookId(), now, body));
    return new OutboundRequest("POST", uri, headers, body, "application/json", Set.of(), Set.of());
  }

  /** What the receiver gets: the delivery without its routing, as JSON. */
  private static byte[] body(WebhookDeliveryRequested delivery) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveryId", delivery.deliveryId());
    body.put("event", delivery.event());
    body.put("hook", delivery.hook());
    body.put("webhookId", delivery.webhookId());
    body.put("namespaceId", delivery.namespaceId());
    body.put("jobId", delivery.jobId());
    body.put("occurredAt", delivery.occurredAt());
    body.put("data", delivery.data());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UnprocessableRecordException("the delivery's data is not plain JSON", e);
    }
  }

  private static boolean worthAnotherTry(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
