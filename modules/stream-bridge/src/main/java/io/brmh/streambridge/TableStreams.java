package io.brmh.streambridge;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Finds a table's stream, turning it on where the bridge may; warns once about a table that has none. */
@Singleton
class TableStreams {
  private static final Logger LOG = LoggerFactory.getLogger(TableStreams.class);

  private final DynamoDbClient dynamo;
  private final boolean enableStreams;
  private final Set<String> warnedWithoutStream = new HashSet<>();

  /**
   * @param enableStreams {@code brmh.stream-bridge.enable-streams}: turn on a followed table's stream
   *     (new and old images) when it has none, instead of skipping the table
   */
  TableStreams(DynamoDbClient dynamo, @Value("${brmh.stream-bridge.enable-streams:false}") boolean enableStreams) {
    this.dynamo = dynamo;
    this.enableStreams = enableStreams;
  }

  /** @return the ARN of the table's stream; empty when the table does not exist or has no stream */
  Optional<String> streamArn(String table) {
    TableDescription description;
    try {
      description = dynamo.describeTable(b -> b.tableName(table)).table();
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
    boolean enabled = description.streamSpecification() != null && Boolean.TRUE.equals(description.streamSpecification().streamEnabled());
    if (!enabled && enableStreams) {
      LOG.info("Turning on the stream of {} (new and old images)", table);
      description = dynamo.updateTable(b -> b.tableName(table)
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))).tableDescription();
      enabled = true;
    }
    if (!enabled) {
      if (warnedWithoutStream.add(table)) {
        LOG.warn("{} has no stream: its caches follow it only through /cache-data and /cache/update "
            + "(set brmh.stream-bridge.enable-streams to turn streams on)", table);
      }
      return Optional.empty();
    }
    warnedWithoutStream.remove(table);
    return Optional.ofNullable(description.latestStreamArn());
  }
}
