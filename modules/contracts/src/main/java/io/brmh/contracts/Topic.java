package io.brmh.contracts;

/**
 * The typed catalogue of BRMH topics. Call sites name a constant, never a string; partitions and
 * retention of each topic live in {@code config/topics.yaml}.
 */
public enum Topic {
  /**
   * Everything about one DynamoDB table, in order: change events, bulk cache and reindex requests.
   * Key: table name.
   */
  TABLE_LOG(Names.TABLE_LOG),
  /** Deploy and remove requests for serverless functions. Key: function name. */
  DEPLOY_COMMANDS(Names.DEPLOY_COMMANDS),
  /** Scrape, import and execute requests. Key: namespace id. */
  SCRAPE_COMMANDS(Names.SCRAPE_COMMANDS),
  /** A namespace's delete and duplicate requests. Key: namespace id (the one copied). */
  NAMESPACE_COMMANDS(Names.NAMESPACE_COMMANDS),
  /**
   * Job lifecycle events: accepted, started, progressed, succeeded, failed, cancelled. Key: job id.
   */
  JOB_EVENTS(Names.JOB_EVENTS),
  /** Calls of namespace webhooks before and after a method's run into a table. Key: webhook id. */
  WEBHOOK_DELIVERIES(Names.WEBHOOK_DELIVERIES);

  /**
   * The names as compile-time constants, for annotations such as {@code @Topic}; elsewhere use the
   * enum.
   */
  public static final class Names {
    public static final String TABLE_LOG = "brmh.table-log";
    public static final String DEPLOY_COMMANDS = "brmh.deploy-commands";
    public static final String SCRAPE_COMMANDS = "brmh.scrape-commands";
    public static final String NAMESPACE_COMMANDS = "brmh.namespace-commands";
    public static final String JOB_EVENTS = "brmh.job-events";
    public static final String WEBHOOK_DELIVERIES = "brmh.webhook-deliveries";

    private Names() {}
  }

  private static final String DEAD_LETTER_SUFFIX = ".dlq";

  private final String topicName;

  Topic(String topicName) {
    this.topicName = topicName;
  }

  /** The Kafka topic name. */
  public String topicName() {
    return topicName;
  }

  /** The dead-letter topic that receives this topic's records after their retries are spent. */
  public String deadLetterTopicName() {
    return topicName + DEAD_LETTER_SUFFIX;
  }
}
