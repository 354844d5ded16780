package io.brmh.streambridge;

import io.brmh.platform.kafka.EventPublisher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Follows the DynamoDB streams of the followed tables into {@code brmh.table-log}, on one thread:
 * each round reads a batch from every readable shard; when nothing came, it waits a moment. The set
 * of followed tables is read again every few seconds, so tables are followed and dropped as cache
 * configurations come and go, without a restart. Several instances share the shards through leases
 * ({@link ShardCheckpoints}): each takes its fair share ({@link LeaseBudget}), renews its leases as
 * it saves checkpoints, and gives them up when it stops; the shards of an instance that died are
 * taken over once their leases expire.
 */
@Context
@Requires(property = "brmh.stream-bridge.enabled", notEquals = "false")
class StreamBridge implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBridge.class);
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final FollowedTables followed;
  private final TableStreams tableStreams;
  private final FollowedStreams followedStreams;
  private final ShardIo io;
  private final BridgeInstances instances;
  private final ShardReader.Lease lease;
  private final Duration idlePause;
  private final Duration followRefresh;
  private final Map<String, TableStream> following = new LinkedHashMap<>();
  private final Set<String> failing = new HashSet<>();
  private volatile boolean running = true;
  private Thread thread;
  private long followedAt;
  private long heartbeatDueMillis;
  private int liveInstances = 1;

  /**
   * @param idlePause {@code brmh.stream-bridge.idle-pause}: the wait after a round that found
   *     nothing
   * @param followRefresh {@code brmh.stream-bridge.follow-refresh}: how often the followed tables
   *     are read again
   * @param leaseDuration {@code brmh.stream-bridge.lease}: how long a shard stays with an instance
   *     that stopped renewing its lease (it renews at every checkpoint, and at half the duration)
   */
  StreamBridge(
      FollowedTables followed,
      TableStreams tableStreams,
      DynamoDbStreamsClient streams,
      EventPublisher publisher,
      ShardCheckpoints checkpoints,
      StreamMetrics metrics,
      StreamGaps gaps,
      BridgeInstances instances,
      FollowedStreams followedStreams,
      @Value("${brmh.stream-bridge.idle-pause:200ms}") Duration idlePause,
      @Value("${brmh.stream-bridge.follow-refresh:5s}") Duration followRefresh,
      @Value("${brmh.stream-bridge.lease:10s}") Duration leaseDuration) {
    this.followed = followed;
    this.tableStreams = tableStreams;
    this.followedStreams = followedStreams;
    this.io = new ShardIo(streams, publisher, checkpoints, metrics, gaps);
    this.instances = instances;
    this.lease = new ShardReader.Lease(instances.self(), leaseDuration.toMillis());
    this.idlePause = idlePause;
    this.followRefresh = followRefresh;
  }

  @PostConstruct
  void start() {
    thread = new Thread(this, "stream-bridge");
    thread.start();
  }

  @Override
  public void run() {
    int failedRounds = 0;
    while (running) {
      int handled = 0;
      try {
        if (followedAt == 0 || System.nanoTime() - followedAt > followRefresh.toNanos()) {
          refreshFollowed();
        }
        handled = readRound();
        failedRounds = failing.isEmpty() ? 0 : failedRounds + 1;
      } catch (RuntimeException unexpected) {
        if (failedRounds++ == 0) {
          LOG.warn(
              "A stream bridge round failed; retrying from the checkpoints, less often while it keeps failing",
              unexpected);
        }
      }
      if (handled == 0 && running) {
        LockSupport.parkNanos(pause(failedRounds));
      }
    }
  }

  /**
   * The idle pause, doubled for each round that failed in a row, up to {@value #MAX_PAUSE_MILLIS}
   * ms.
   */
  private long pause(int failedRounds) {
    long millis = idlePause.toMillis() << Math.min(failedRounds, 10);
    return TimeUnit.MILLISECONDS.toNanos(
        Math.min(Math.max(millis, idlePause.toMillis()), MAX_PAUSE_MILLIS));
  }

  private int readRound() {
    long now = System.currentTimeMillis();
    if (now >= heartbeatDueMillis) {
      instances.heartbeat(now + lease.millis());
      liveInstances = instances.alive(now);
      heartbeatDueMillis = now + lease.millis() / 3;
    }
    following.values().forEach(TableStream::listShardsIfDue);
    LeaseBudget budget = budget();
    int handled = 0;
    for (TableStream stream : following.values()) {
      try {
        handled += stream.readOnce(now, budget);
        if (failing.remove(stream.table())) {
          LOG.info("Reading the stream of {} works again", stream.table());
        }
      } catch (ResourceNotFoundException gone) {
        LOG.info("The stream of {} is gone; following it again when it has one", stream.table());
        following.remove(stream.table());
        return handled; // the map changed: the next round goes on
      } catch (RuntimeException failed) {
        if (failing.add(stream.table())) {
          LOG.warn(
              "Reading the stream of {} failed; retrying from its checkpoint, less often while it keeps failing",
              stream.table(),
              failed);
        }
      }
    }
    return handled;
  }

  /** This instance's fair share of the open shards, after giving back what it holds beyond it. */
  private LeaseBudget budget() {
    int share =
        LeaseBudget.fairShare(
            following.values().stream().mapToInt(TableStream::openShards).sum(), liveInstances);
    int held = following.values().stream().mapToInt(TableStream::heldShards).sum();
    for (TableStream stream : following.values()) {
      if (held > share) {
        held -= stream.release(held - share);
      }
    }
    return new LeaseBudget(share - held);
  }

  private void refreshFollowed() {
    Set<String> wanted;
    try {
      wanted = followed.names();
    } catch (ResourceNotFoundException notYetCreated) {
      return; // the cache configurations table, created at start-up by whoever owns the tables
    }
    following
        .values()
        .removeIf(
            stream -> {
              // A stream read to its end was turned off: its table is looked up again, and a new
              // stream followed once it has one.
              boolean dropped = !wanted.contains(stream.table()) || stream.readToItsEnd();
              if (dropped) {
                stream.release(Integer.MAX_VALUE);
              }
              return dropped;
            });
    for (String table : wanted) {
      if (!following.containsKey(table)) {
        try {
          tableStreams
              .streamArn(table)
              .ifPresent(
                  arn -> {
                    followedStreams.startFollowing(table, arn);
                    following.put(table, new TableStream(io, table, arn, lease));
                  });
        } catch (
            RuntimeException
                failed) { // the other tables go on; this one is tried again at the next refresh
          LOG.warn(
              "Could not start following the stream of {}; trying again in {}: {}",
              table,
              followRefresh,
              failed.toString());
        }
      }
    }
    followedAt = System.nanoTime();
  }

  /**
   * Stops between rounds and hands the shards over at once: the leases go, the checkpoints stay.
   */
  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    LockSupport.unpark(thread);
    thread.join(TimeUnit.SECONDS.toMillis(30));
    try {
      following.values().forEach(stream -> stream.release(Integer.MAX_VALUE));
      instances.leave();
    } catch (RuntimeException unreachable) {
      LOG.warn(
          "Could not give the shard leases up; they expire in {} ms", lease.millis(), unreachable);
    }
  }
}
