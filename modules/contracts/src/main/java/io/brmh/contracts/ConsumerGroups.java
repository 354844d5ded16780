package io.brmh.contracts;

/**
 * The Kafka consumer groups of BRMH's deployables, named once: the worker that owns a group and
 * whoever looks at its lag or offsets (the gateway's pending-updates view, benchmarks, ops) use
 * these constants, never a string of their own.
 */
public final class ConsumerGroups {
  /** The cache workers, on {@code brmh.table-log}. */
  public static final String CACHE_WORKER = "brmh-cache-worker";

  /** The namespace workers, on {@code brmh.namespace-commands}. */
  public static final String NAMESPACE_WORKER = "brmh-namespace-worker";

  /** The scrape workers, on {@code brmh.scrape-commands}. */
  public static final String SCRAPE_WORKER = "brmh-scrape-worker";

  /** The index workers, on {@code brmh.table-log}. */
  public static final String INDEX_WORKER = "brmh-index-worker";

  /** The webhook deliverers (in the scrape worker), on {@code brmh.webhook-deliveries}. */
  public static final String WEBHOOK_DELIVERER = "brmh-webhook-deliverer";

  /**
   * The gateways' job-event fan-out to WebSocket subscribers, on {@code brmh.job-events}: a prefix,
   * since every instance reads every event in a group of its own.
   */
  public static final String GATEWAY_FANOUT = "brmh-gateway-fanout";

  private ConsumerGroups() {}
}
