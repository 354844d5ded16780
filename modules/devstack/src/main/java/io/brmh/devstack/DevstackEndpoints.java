package io.brmh.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a running devstack's servers answer, and the application properties that point BRMH at
 * them.
 *
 * @param kafkaBootstrapServers Kafka's bootstrap address, {@code host:port}
 * @param redisAddress Redis URI, {@code redis://host:port}
 * @param dynamoDbEndpoint DynamoDB Local's HTTP endpoint
 * @param s3Endpoint the S3 server's HTTP endpoint (path-style)
 */
public record DevstackEndpoints(
    String kafkaBootstrapServers, String redisAddress, String dynamoDbEndpoint, String s3Endpoint) {
  /**
   * The fixed credentials of the local servers. They protect nothing: every server listens on
   * loopback only.
   */
  public static final String ACCESS_KEY_ID = "local";

  public static final String SECRET_ACCESS_KEY = "local";
  public static final String REGION = "us-east-1";

  /** The BRMH application properties that point every client at these servers. */
  public Map<String, Object> applicationProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("kafka.bootstrap.servers", kafkaBootstrapServers);
    properties.put("brmh.redis.address", redisAddress);
    properties.put("brmh.aws.region", REGION);
    properties.put("brmh.aws.access-key-id", ACCESS_KEY_ID);
    properties.put("brmh.aws.secret-access-key", SECRET_ACCESS_KEY);
    properties.put("brmh.aws.dynamodb-endpoint", dynamoDbEndpoint);
    properties.put("brmh.aws.s3-endpoint", s3Endpoint);
    return properties;
  }
}
