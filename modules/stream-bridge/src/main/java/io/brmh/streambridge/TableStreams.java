package io.brmh.streambridge;

import io.brmh.platform.streams.StreamSwitch;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Finds a table's stream, turning it on where the bridge may ({@link StreamSwitch}); warns once
 * about a table that has none.
 */
@Singleton
class TableStreams {
  private static final Logger LOG = LoggerFactory.getLogger(TableStreams.class);

  private final DynamoDbClient dynamo;
  private final StreamSwitch streamSwitch;
  private final Set<String> warnedWithoutStream = ConcurrentHashMap.newKeySet();

  TableStreams(DynamoDbClient dynamo, StreamSwitch streamSwitch) {
    this.dynamo = dynamo;
    this.streamSwitch = streamSwitch;
  }

  /**
   * @return the ARN of the table's stream; empty when the table does not exist or has no stream
   */
  Optional<String> streamArn(String table) {
    TableDescription description;
    try {
      description = streamSwitch.ensureOn(dynamo.describeTable(b -> b.tableName(table)).table());
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
    if (!StreamSwitch.isOn(description)) {
      if (warnedWithoutStream.add(table)) {
        LOG.warn(
            "{} has no stream: its caches follow it only through /cache-data and /cache/update "
                + "(set brmh.stream-bridge.enable-streams to turn streams on)",
            table);
      }
      return Optional.empty();
    }
    warnedWithoutStream.remove(table);
    return Optional.ofNullable(description.latestStreamArn());
  }
}
