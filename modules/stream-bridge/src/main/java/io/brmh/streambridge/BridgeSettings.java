package io.brmh.streambridge;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The stream bridge's settings, {@code brmh.stream-bridge.*}. The defaults keep one instance within
 * DynamoDB Streams' limits for 10,000 followed tables: DescribeStream is called only when a
 * stream's shards may have changed, and at most {@code describesPerSecond} times a second; each
 * shard is read at most once per {@code quietShardPause} while it has nothing new.
 *
 * @param tables tables followed whatever their cache configurations (default none)
 * @param lease how long this instance's shards stay with it after its heartbeat stops (default 10
 *     s); the heartbeat is renewed every third of it, and another instance takes the shards over
 *     once it has lapsed
 * @param idlePause the wait after a round in which no shard had anything new (default 200 ms)
 * @param quietShardPause how long a shard that had nothing new waits for its next read (default 1
 *     s): a change reaches the table log within about this long plus a round
 * @param followRefresh how often the followed tables are read again from the cache configurations
 *     (default 5 s)
 * @param readerThreads how many tables are read at once (default 8): calls to DynamoDB Streams wait
 *     on the network, not on the processor
 * @param describesPerSecond the most DescribeStream calls per second over all tables (default 5,
 *     half of DynamoDB Streams' limit of 10 per account): a bridge starting to follow N tables
 *     lists them all within N / this seconds
 * @param shardListingInterval how often a stream is listed again although none of its shards closed
 *     (default 15 min, spread by up to a quarter either way so listings do not bunch up)
 * @param iteratorRefresh how long a shard may have nothing new before its iterator is taken again
 *     from the checkpoint (default 30 s): DynamoDB Local's iterators can stop returning records
 *     after it restarts
 * @param closedCheckpointLife how long the checkpoint of a shard read to its end is kept (default
 *     48 h, beyond the stream's 24 h retention, after which the stream no longer lists the shard)
 */
@ConfigurationProperties("brmh.stream-bridge")
public record BridgeSettings(
    @Nullable List<String> tables,
    @Bindable(defaultValue = "10s") Duration lease,
    @Bindable(defaultValue = "200ms") Duration idlePause,
    @Bindable(defaultValue = "1s") Duration quietShardPause,
    @Bindable(defaultValue = "5s") Duration followRefresh,
    @Bindable(defaultValue = "8") int readerThreads,
    @Bindable(defaultValue = "5") double describesPerSecond,
    @Bindable(defaultValue = "15m") Duration shardListingInterval,
    @Bindable(defaultValue = "30s") Duration iteratorRefresh,
    @Bindable(defaultValue = "48h") Duration closedCheckpointLife) {

  public BridgeSettings {
    tables = tables == null ? List.of() : tables.stream().filter(name -> !name.isBlank()).toList();
    if (readerThreads < 1 || describesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "brmh.stream-bridge.reader-threads must be at least 1 and describes-per-second above 0, not "
              + readerThreads
              + " and "
              + describesPerSecond);
    }
  }
}
