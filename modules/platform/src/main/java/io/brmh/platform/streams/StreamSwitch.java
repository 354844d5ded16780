package io.brmh.platform.streams;

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

  StreamSwitch(DynamoDbClient dynamo, StreamTablesConfiguration config) {
    this.dynamo = dynamo;
    this.enableStreams = config.enableStreams();
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
