package io.brmh.devstack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka (KRaft), Redis, DynamoDB Local with Streams and an S3 server, started without Docker.
 * Kafka, DynamoDB Local and s3proxy run inside this JVM; redis-server runs as a child process
 * recorded in the run directory, so that a later run reaps it if this JVM is killed.
 *
 * <p>{@link #close()} stops everything in reverse order of start. Close the application that uses
 * the servers first: Kafka clients retry a stopped broker for a long time.
 */
public final class Devstack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devstack.class);
  private static final Path DEFAULT_BASE =
      Path.of(System.getProperty("java.io.tmpdir"), "brmh-devstack");

  private final Deque<ManagedServer> started = new ArrayDeque<>();
  private final RunDirectory runDirectory;
  private final DevstackEndpoints endpoints;
  private RedisServerProcess redis;
  private KafkaBroker kafka;

  private Devstack(RunDirectory runDirectory, DevstackEndpoints endpoints) {
    this.runDirectory = runDirectory;
    this.endpoints = endpoints;
  }

  /**
   * Reaps what dead earlier runs left behind, checks that every port is free, then starts all
   * servers and creates the topics.
   *
   * @throws PortInUseException when a port is taken, before anything was started
   */
  public static Devstack start(DevstackSettings settings) {
    int reaped = StaleRunReaper.reap(DEFAULT_BASE);
    if (reaped > 0) {
      LOG.info("Reaped {} process(es) left by devstack runs that were killed", reaped);
    }
    for (DevstackService service : DevstackService.values()) {
      Ports.requireFree(service.displayName(), settings.port(service), service.portVariable());
    }
    RunDirectory runDirectory = RunDirectory.createFor(DEFAULT_BASE);
    DevstackEndpoints endpoints =
        new DevstackEndpoints(
            "127.0.0.1:" + settings.port(DevstackService.KAFKA),
            "redis://127.0.0.1:" + settings.port(DevstackService.REDIS),
            "http://127.0.0.1:" + settings.port(DevstackService.DYNAMODB),
            "http://127.0.0.1:" + settings.port(DevstackService.S3));
    Devstack devstack = new Devstack(runDirectory, endpoints);
    try {
      devstack.startAll(settings);
    } catch (Exception e) {
      devstack.close();
      throw new IllegalStateException("the devstack failed to start: " + e.getMessage(), e);
    }
    return devstack;
  }

  private void startAll(DevstackSettings settings) throws Exception {
    Path data = settings.dataDir();
    Path kafkaLogs = data == null ? runDirectory.resolve("kafka") : data.resolve("kafka");
    redis =
        new RedisServerProcess(
            settings.port(DevstackService.REDIS),
            runDirectory,
            data == null ? null : data.resolve("redis"));
    startServer(redis);
    startServer(
        new DynamoDbLocalServer(
            settings.port(DevstackService.DYNAMODB),
            data == null ? null : data.resolve("dynamodb")));
    startServer(
        new S3ProxyServer(
            settings.port(DevstackService.S3), data == null ? null : data.resolve("s3")));
    kafka =
        new KafkaBroker(
            settings.port(DevstackService.KAFKA),
            settings.port(DevstackService.KAFKA_CONTROLLER),
            kafkaLogs);
    startServer(kafka);
  }

  private void startServer(ManagedServer server) throws Exception {
    long begin = System.nanoTime();
    started.push(server);
    server.start();
    LOG.debug(
        "{} started in {} ms",
        server.getClass().getSimpleName(),
        (System.nanoTime() - begin) / 1_000_000);
  }

  public DevstackEndpoints endpoints() {
    return endpoints;
  }

  /** The Kafka broker, to restart under running clients. */
  public KafkaControl kafka() {
    return kafka;
  }

  /** The redis-server, to kill and start again from outside the application. */
  public RedisControl redis() {
    return redis;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      ManagedServer server = started.pop();
      try {
        server.close();
      } catch (RuntimeException e) {
        LOG.warn("{} did not stop cleanly: {}", server.getClass().getSimpleName(), e.getMessage());
      }
    }
    runDirectory.delete();
  }
}
