package io.brmh.scrapeworker.webhooks;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.webhook.WebhookDeliveryRequested;
import io.brmh.platform.jobs.CommandJobs;
import io.brmh.platform.ordered.OrderedHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The deliverer's part of {@code brmh.webhook-deliveries}: each record is one webhook call, made
 * beside the consumer thread while the webhook's partition waits, so one webhook's calls arrive in
 * the order they were asked for. A call given up goes to the dead-letter topic with its reason; the
 * run it belongs to has ended already and keeps its outcome.
 */
@Singleton
class WebhookDeliveries implements OrderedHandler {
  private final WebhookCalls calls;
  private final CommandJobs running = new CommandJobs("webhook-delivery");

  WebhookDeliveries(WebhookCalls calls) {
    this.calls = calls;
  }

  @Override
  public CompletableFuture<CommandOutcome> start(
      Envelope<?> command, BooleanSupplier stopRequested) {
    if (command.payload() instanceof WebhookDeliveryRequested delivery) {
      return running.run(() -> calls.deliver(delivery, stopRequested));
    }
    return CompletableFuture.completedFuture(CommandOutcome.DONE);
  }

  @PreDestroy
  void shutdown() {
    running.close();
  }
}
