package io.brmh.devstack;

/**
 * The servers the devstack runs, each with the port it takes in the local run and the environment
 * variable that overrides that port.
 */
public enum DevstackService {
  KAFKA("Kafka", 9092, "BRMH_KAFKA_PORT"),
  /** The KRaft controller listener of the single-node Kafka. */
  KAFKA_CONTROLLER("Kafka controller", 9093, "BRMH_KAFKA_CONTROLLER_PORT"),
  REDIS("Redis", 6379, "BRMH_REDIS_PORT"),
  DYNAMODB("DynamoDB Local", 8000, "BRMH_DYNAMODB_PORT"),
  S3("S3 (s3proxy)", 9000, "BRMH_S3_PORT");

  private final String displayName;
  private final int defaultPort;
  private final String portVariable;

  DevstackService(String displayName, int defaultPort, String portVariable) {
    this.displayName = displayName;
    this.defaultPort = defaultPort;
    this.portVariable = portVariable;
  }

  public String displayName() {
    return displayName;
  }

  /** The port of the local run when {@link #portVariable()} is not set. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The environment variable that overrides the local run's port. */
  public String portVariable() {
    return portVariable;
  }
}
