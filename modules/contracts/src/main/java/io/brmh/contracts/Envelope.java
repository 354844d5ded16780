package io.brmh.contracts;

import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.index.IndexDropRequested;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.contracts.webhook.WebhookDeliveryRequested;
import java.util.Objects;

/**
 * One BRMH message: its CloudEvents attributes and its payload record.
 *
 * @param <T> the payload record, fixed by {@code attributes.type().payloadType()}
 */
public record Envelope<T>(EnvelopeAttributes attributes, T payload) {
  public Envelope {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(payload, "payload");
    if (!attributes.type().payloadType().isInstance(payload)) {
      throw new IllegalArgumentException(
          attributes.type().wireName()
              + " carries "
              + attributes.type().payloadType().getSimpleName()
              + ", not "
              + payload.getClass().getSimpleName());
    }
  }

  /**
   * The Kafka record key: messages with the same key stay in order. It comes from the payload, not
   * from the subject, so that every message about one table shares the table's partition whoever
   * produced it.
   */
  public String key() {
    if (payload instanceof TableItemChanged change) {
      return change.source().table();
    }
    if (payload instanceof CacheTableRequested request) {
      return request.table();
    }
    if (payload instanceof CacheClearRequested clear) {
      return clear.table();
    }
    if (payload instanceof IndexReindexRequested reindex) {
      return reindex.table();
    }
    if (payload instanceof IndexDropRequested drop) {
      return drop.table();
    }
    if (payload instanceof JobEvent event) {
      return event.jobId();
    }
    if (payload instanceof ScrapeExecutionRequested execution) {
      return execution.namespaceId();
    }
    if (payload instanceof ScrapeImportRequested scrape) {
      return scrape.namespaceId() != null ? scrape.namespaceId() : scrape.jobId();
    }
    if (payload instanceof WebhookDeliveryRequested delivery) {
      return delivery.webhookId();
    }
    return attributes.subject();
  }
}
