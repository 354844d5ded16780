package io.brmh.streambridge;

import io.brmh.platform.kafka.EventPublisher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Follows the DynamoDB streams of the followed tables into {@code brmh.table-log}. Each round hands
 * every table to one of {@link BridgeSettings#readerThreads()} reader threads, which lists its
 * shards when that is due and reads every shard it holds that is due ({@link TableStream}); when no
 * shard had anything new, the bridge waits a moment. The set of followed tables is read again every
 * few seconds, so tables are followed and dropped as cache configurations come and go, without a
 * restart. Several instances share the shards ({@link BridgeInstances}): a heartbeat thread keeps
 * this instance's hold on its shards alive, each instance takes its fair share ({@link
 * LeaseBudget}) and gives its shards up when it stops; the shards of an instance that died are
 * taken over once its heartbeat expired.
 */
@Context
@Requires(property = "brmh.stream-bridge.enabled", notEquals = "false")
class StreamBridge implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBridge.class);
  private static final long MAX_PAUSE_MILLIS = 5_000;
  static final String LAPSED =
      "This bridge instance's heartbeat lapsed (it stalled, or DynamoDB did not answer): "
          + "it takes each of its shards again before reading on";

  private final FollowedTables followed;
  private final TableStreams tableStreams;
  private final FollowedStreams followedStreams;
  private final ShardIo io;
  private final BridgeInstances instances;
  private final BridgeSettings settings;
  private final ShardReader.Lease lease;
  private final DescribeBudget describes;
  private final Map<String, TableStream> following = new LinkedHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** Tables whose stream vanished during a round, dropped after it. */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();

  private final ExecutorService readers;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean running = true;
  private Thread thread;
  private long followedAt;
  private int lapsesSeen;

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
      BridgeSettings settings) {
    this.followed = followed;
    this.tableStreams = tableStreams;
    this.followedStreams = followedStreams;
    this.io = new ShardIo(streams, publisher, checkpoints, metrics, gaps);
    this.instances = instances;
    this.settings = settings;
    this.lease = new ShardReader.Lease(instances.self(), settings, instances);
    this.describes = new DescribeBudget(settings.describesPerSecond());
    this.readers = Executors.newFixedThreadPool(settings.readerThreads(), threads("stream-reader"));
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(threads("stream-heartbeat"));
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @PostConstruct
  void start() {
    long every = Math.max(1, settings.lease().toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
    thread = new Thread(this, "stream-bridge");
    thread.start();
  }

  private void beat() {
    try {
      instances.beat(settings.lease());
    } catch (RuntimeException failed) {
      LOG.warn(
          "Could not renew this bridge instance's heartbeat; its shards go to other instances "
              + "unless it succeeds within {}: {}",
          settings.lease(),
          failed.toString());
    }
  }

  @Override
  public void run() {
    int failedRounds = 0;
    while (running) {
      int handled = 0;
      try {
        if (followedAt == 0
            || System.nanoTime() - followedAt > settings.followRefresh().toNanos()) {
          refreshFollowed();
        }
        handled = readRound();
        failedRounds = 0;
      } catch (RuntimeException unexpected) {
        if (failedRounds++ == 0) {
          LOG.warn(
              "A stream bridge round failed; retrying from the checkpoints, less often while it keeps failing",
              unexpected);
        }
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        return;
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
    long idle = settings.idlePause().toMillis();
    long millis = idle << Math.min(failedRounds, 10);
    return TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(millis, idle), MAX_PAUSE_MILLIS));
  }

  private int readRound() throws InterruptedException {
    if (!holdsItsShards()) {
      return 0;
    }
    LeaseBudget budget = budget();
    long now = System.nanoTime();
    List<TableStream> tables = List.copyOf(following.values());
    List<Callable<Integer>> work = new ArrayList<>(tables.size());
    for (TableStream stream : tables) {
      work.add(() -> work(stream, now, budget));
    }
    int handled = 0;
    for (Future<Integer> done : readers.invokeAll(work)) {
      try {
        handled += done.get();
      } catch (ExecutionException notExpected) {
        throw new IllegalStateException(notExpected.getCause());
      }
    }
    following.values().removeIf(stream -> gone.remove(stream.table()));
    io.metrics()
        .following(
            following.size(), following.values().stream().mapToInt(TableStream::heldShards).sum());
    return handled;
  }

  /**
   * Whether this instance's heartbeat is valid, so that its shards are its own. While it is not,
   * and once after it lapsed, every shard is forgotten, to be taken again (from its checkpoint)
   * before it is read: another instance may have taken it meanwhile.
   */
  private boolean holdsItsShards() {
    boolean valid = instances.holdsLeases(System.currentTimeMillis());
    int lapses = instances.lapses();
    if (valid && lapses == lapsesSeen) {
      return true;
    }
    boolean heldAny = following.values().stream().anyMatch(stream -> stream.heldShards() > 0);
    if (lapses != lapsesSeen || heldAny) {
      LOG.warn(LAPSED);
    }
    following.values().forEach(TableStream::forgetLeases);
    lapsesSeen = lapses;
    return valid;
  }

  /** One table's round, on a reader thread: a failure is this table's alone. */
  private int work(TableStream stream, long now, LeaseBudget budget) {
    try {
      int handled = stream.work(now, budget, describes);
      if (failing.remove(stream.table())) {
        LOG.info("Reading the stream of {} works again", stream.table());
      }
      return handled;
    } catch (ResourceNotFoundException vanished) {
      LOG.info("The stream of {} is gone; following it again when it has one", stream.table());
      stream.release(Integer.MAX_VALUE);
      gone.add(stream.table());
    } catch (RuntimeException failed) {
      stream.failed(System.nanoTime());
      if (failing.add(stream.table())) {
        LOG.warn(
            "Reading the stream of {} failed; retrying from its checkpoint, less often while it keeps failing",
            stream.table(),
            failed);
      }
    }
    return 0;
  }

  /** This instance's fair share of the open shards, after giving back what it holds beyond it. */
  private LeaseBudget budget() {
    int share =
        LeaseBudget.fairShare(
            following.values().stream().mapToInt(TableStream::openShards).sum(), instances.alive());
    int held = following.values().stream().mapToInt(TableStream::heldShards).sum();
    for (TableStream stream : following.values()) {
      if (held > share) {
        held -= stream.release(held - share);
      }
    }
    return new LeaseBudget(share - held);
  }

  private void refreshFollowed() throws InterruptedException {
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
    List<Callable<TableStream>> lookups = new ArrayList<>();
    for (String table : wanted) {
      if (!following.containsKey(table)) {
        lookups.add(() -> startFollowing(table));
      }
    }
    for (Future<TableStream> lookup : readers.invokeAll(lookups)) {
      try {
        TableStream stream = lookup.get();
        if (stream != null) {
          following.put(stream.table(), stream);
        }
      } catch (ExecutionException notExpected) {
        throw new IllegalStateException(notExpected.getCause());
      }
    }
    followedAt = System.nanoTime();
  }

  /**
   * Looks the table's stream up, on a reader thread, and records it as followed.
   *
   * @return the stream to follow, or null when the table has none (tried again at the next refresh)
   */
  private TableStream startFollowing(String table) {
    try {
      return tableStreams
          .streamArn(table)
          .map(
              arn -> {
                followedStreams.startFollowing(table, arn);
                return new TableStream(io, table, arn, lease);
              })
          .orElse(null);
    } catch (RuntimeException failed) { // the other tables go on
      LOG.warn(
          "Could not start following the stream of {}; trying again in {}: {}",
          table,
          settings.followRefresh(),
          failed.toString());
      return null;
    }
  }

  /**
   * Stops between rounds and hands the shards over at once: the leases go, the checkpoints stay.
   */
  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    LockSupport.unpark(thread);
    thread.join(TimeUnit.SECONDS.toMillis(30));
    readers.shutdown();
    heartbeat.shutdownNow();
    try {
      following.values().forEach(stream -> stream.release(Integer.MAX_VALUE));
      instances.leave();
    } catch (RuntimeException unreachable) {
      LOG.warn(
          "Could not give the shards up; other instances take them over in {}",
          settings.lease(),
          unreachable);
    }
  }
}
