package io.brmh.platform.streams;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Turns on a cached table's DynamoDB stream (new and old images) where BRMH may ({@code
 * brmh.stream-bridge.enable-streams}, as the local run does). The gateway does it when a cache
 * configuration is made, so that the stream records every change before the first load can scan the
 * table; the bridge does it for tables it follows that still have none.
 */
@Singleton
public class StreamSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSwitch.class);

  private final DynamoDbClient dynamo;
  private final boolean enableStreams;

  /**
   * @param enableStreams {@code brmh.stream-bridge.enable-streams}: turn a cached table's stream on
   *     when it has none (default false: in AWS, streams come from infrastructure code)
   */
  StreamSwitch(
      DynamoDbClient dynamo,
      @Value("${brmh.stream-bridge.enable-streams:false}") boolean enableStreams) {
    this.dynamo = dynamo;
    this.enableStreams = enableStreams;
  }

  /**
   * @param description the table as described
   * @return the table as it is now: with its stream on, when it had none and BRMH may turn it on
   */
  public TableDescription ensureOn(TableDescription description) {
    if (isOn(description) || !enableStreams) {
      return description;
    }
    LOG.info("Turning on the stream of {} (new and old images)", description.tableName());
    return dynamo
        .updateTable(
            b ->
                b.tableName(description.tableName())
                    .streamSpecification(
                        s ->
                            s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
        .tableDescription();
  }

  public static boolean isOn(TableDescription description) {
    return description.streamSpecification() != null
        && Boolean.TRUE.equals(description.streamSpecification().streamEnabled());
  }
}
