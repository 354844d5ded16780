package io.brmh.contracts;

import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.index.IndexDropRequested;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.contracts.namespace.NamespaceDuplicateRequested;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.contracts.webhook.WebhookDeliveryRequested;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every message BRMH puts on Kafka, with its explicit, versioned wire name. Wire names are never
 * derived from class names: renaming a record must not change what travels. A compatible change to
 * a payload is additive; anything else is a new constant with version N+1.
 *
 * <p>Each constant names the JSON Schema of its payload under {@code schemas/}; the build checks
 * that an example of every type validates against it.
 */
public enum MessageType {
  TABLE_ITEM_CHANGED(
      "brmh.table.item-changed",
      1,
      Topic.TABLE_LOG,
      TableItemChanged.class,
      "table/item-changed.v1.json"),
  CACHE_TABLE_REQUESTED(
      "brmh.cache.table-requested",
      1,
      Topic.TABLE_LOG,
      CacheTableRequested.class,
      "cache/table-requested.v1.json"),
  CACHE_CLEAR_REQUESTED(
      "brmh.cache.clear-requested",
      1,
      Topic.TABLE_LOG,
      CacheClearRequested.class,
      "cache/clear-requested.v1.json"),
  INDEX_REINDEX_REQUESTED(
      "brmh.index.reindex-requested",
      1,
      Topic.TABLE_LOG,
      IndexReindexRequested.class,
      "index/reindex-requested.v1.json"),
  INDEX_DROP_REQUESTED(
      "brmh.index.drop-requested",
      1,
      Topic.TABLE_LOG,
      IndexDropRequested.class,
      "index/drop-requested.v1.json"),
  NAMESPACE_DELETE_REQUESTED(
      "brmh.namespace.delete-requested",
      1,
      Topic.NAMESPACE_COMMANDS,
      NamespaceDeleteRequested.class,
      "namespace/delete-requested.v1.json"),
  NAMESPACE_DUPLICATE_REQUESTED(
      "brmh.namespace.duplicate-requested",
      1,
      Topic.NAMESPACE_COMMANDS,
      NamespaceDuplicateRequested.class,
      "namespace/duplicate-requested.v1.json"),
  SCRAPE_IMPORT_REQUESTED(
      "brmh.scrape.import-requested",
      1,
      Topic.SCRAPE_COMMANDS,
      ScrapeImportRequested.class,
      "scrape/import-requested.v1.json"),
  SCRAPE_EXECUTION_REQUESTED(
      "brmh.scrape.execution-requested",
      1,
      Topic.SCRAPE_COMMANDS,
      ScrapeExecutionRequested.class,
      "scrape/execution-requested.v1.json"),
  WEBHOOK_DELIVERY_REQUESTED(
      "brmh.webhook.delivery-requested",
      1,
      Topic.WEBHOOK_DELIVERIES,
      WebhookDeliveryRequested.class,
      "webhook/delivery-requested.v1.json"),
  JOB_ACCEPTED("brmh.job.accepted", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA),
  JOB_STARTED("brmh.job.started", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA),
  JOB_PROGRESSED("brmh.job.progressed", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA),
  JOB_SUCCEEDED("brmh.job.succeeded", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA),
  JOB_FAILED("brmh.job.failed", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA),
  JOB_CANCELLED("brmh.job.cancelled", 1, Topic.JOB_EVENTS, JobEvent.class, JobEvent.SCHEMA);

  private final String name;
  private final int version;
  private final Topic topic;
  private final Class<?> payloadType;
  private final String schemaPath;

  MessageType(String name, int version, Topic topic, Class<?> payloadType, String schemaPath) {
    this.name = name;
    this.version = version;
    this.topic = topic;
    this.payloadType = payloadType;
    this.schemaPath = schemaPath;
  }

  /** The CloudEvents {@code type} attribute, for example {@code brmh.cache.table-requested.v1}. */
  public String wireName() {
    return name + ".v" + version;
  }

  public int version() {
    return version;
  }

  /** The topic that carries this type. */
  public Topic topic() {
    return topic;
  }

  /** The record the JSON payload maps to. */
  public Class<?> payloadType() {
    return payloadType;
  }

  /**
   * Path of the payload's JSON Schema below {@code schemas/} (also on the classpath under {@code
   * schemas/}).
   */
  public String schemaPath() {
    return schemaPath;
  }

  /** Path of the canonical example of this type below {@code schemas/}. */
  public String examplePath() {
    return "examples/" + wireName() + ".json";
  }

  /** The type with this wire name, if BRMH knows it. */
  public static Optional<MessageType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
  }
}
