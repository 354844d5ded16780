package io.brmh.local;

import io.brmh.devstack.Devstack;
import io.brmh.devstack.DevstackEndpoints;
import io.brmh.devstack.DevstackSettings;
import io.brmh.devstack.PortInUseException;
import io.brmh.devstack.Ports;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the whole of BRMH locally in one process: the devstack's real Kafka, Redis, DynamoDB Local
 * and S3 server, then every BRMH module on top of them, in the {@code local} environment. Ctrl-C
 * stops the modules first, then the servers.
 */
public final class BrmhLocal {
  static final String HTTP_PORT_VARIABLE = "BRMH_HTTP_PORT";
  static final String DATA_DIR_VARIABLE = "BRMH_DATA_DIR";
  static final String ADMIN_PASSWORD_VARIABLE = "BRMH_ADMIN_PASSWORD";

  /**
   * Comma-separated {@code host:port} pairs the outbound client reaches although they are local
   * ({@code localhost:3000}), so that a description served on this machine can be imported.
   */
  static final String ALLOWED_HOSTS_VARIABLE = "BRMH_OUTBOUND_ALLOWED_HOSTS";

  private static final int DEFAULT_HTTP_PORT = 8080;
  private static final int USAGE_ERROR = 2;

  private BrmhLocal() {}

  public static void main(String[] args) throws InterruptedException {
    // Registered first, so that Ctrl-C while the modules start still stops the servers already up.
    AtomicReference<AutoCloseable> toStop = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeQuietly(toStop.get());
                  stopped.countDown();
                },
                "brmh-local-stop"));
    LocalRun run;
    try {
      run = start(System::getenv, toStop::set);
    } catch (PortInUseException | IllegalArgumentException e) {
      System.err.println("brmh: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    }
    System.out.println(run.banner());
    stopped.await();
  }

  private static void closeQuietly(AutoCloseable started) {
    try {
      if (started != null) {
        started.close();
      }
    } catch (Exception e) {
      System.err.println("brmh: stopping failed: " + e);
    }
  }

  /** Starts the devstack and the modules; the caller owns the returned run and must close it. */
  static LocalRun start(Function<String, String> environment) {
    return start(environment, started -> {});
  }

  /**
   * @param toStop told about the devstack as soon as it runs, then about the whole run, so that an
   *     interrupted start can still be stopped
   */
  static LocalRun start(Function<String, String> environment, Consumer<AutoCloseable> toStop) {
    int httpPort = DevstackSettings.portFrom(environment, HTTP_PORT_VARIABLE, DEFAULT_HTTP_PORT);
    Ports.requireFree("The HTTP API", httpPort, HTTP_PORT_VARIABLE);
    Path dataDir = dataDir(environment);
    Devstack devstack =
        Devstack.start(DevstackSettings.forLocalRun(environment, dataDir.resolve("devstack")));
    toStop.accept(devstack);
    try {
      Map<String, Object> properties =
          new LinkedHashMap<>(devstack.endpoints().applicationProperties());
      properties.put("micronaut.server.port", httpPort);
      // A development system with a known admin and local credentials: reachable from this machine
      // only.
      properties.put("micronaut.server.host", "127.0.0.1");
      properties.put("brmh.jwt.secret", LocalSecrets.jwtSecret(environment, dataDir));
      properties.put("brmh.search.lucene-directory", dataDir.resolve("search").toString());
      String adminPassword = environment.apply(ADMIN_PASSWORD_VARIABLE);
      if (adminPassword != null && !adminPassword.isBlank()) {
        properties.put("brmh.admin.password", adminPassword);
      }
      String allowedHosts = environment.apply(ALLOWED_HOSTS_VARIABLE);
      if (allowedHosts != null && !allowedHosts.isBlank()) {
        properties.put("brmh.outbound.allowed-hosts", allowedHosts);
      }
      ApplicationContext context =
          ApplicationContext.builder()
              .environments("local")
              .deduceEnvironment(false)
              .properties(properties)
              .start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      LocalRun run = new LocalRun(devstack, context, server);
      toStop.accept(run);
      return run;
    } catch (RuntimeException e) {
      devstack.close();
      throw e;
    }
  }

  private static Path dataDir(Function<String, String> environment) {
    String configured = environment.apply(DATA_DIR_VARIABLE);
    return Path.of(configured == null || configured.isBlank() ? ".brmh" : configured)
        .toAbsolutePath();
  }

  /** A running local system. */
  record LocalRun(Devstack devstack, ApplicationContext context, EmbeddedServer server)
      implements AutoCloseable {

    String banner() {
      String http = "http://localhost:" + server.getPort();
      DevstackEndpoints endpoints = devstack.endpoints();
      return String.join(
          System.lineSeparator(),
          "",
          "BRMH is running (environment: local)",
          "  HTTP API       " + http,
          "  API docs UI    " + http + "/swagger-ui/index.html",
          "  OpenAPI        " + http + "/swagger/brmh-api-0.1.yml",
          "  WebSocket      ws://localhost:"
              + server.getPort()
              + "/ws  (job events; see schemas/asyncapi.yaml)",
          "  Readiness      " + http + "/health/ready",
          "  Kafka          " + endpoints.kafkaBootstrapServers(),
          "  Redis          " + endpoints.redisAddress(),
          "  DynamoDB       "
              + endpoints.dynamoDbEndpoint()
              + "  (access key 'local', secret 'local')",
          "  S3             " + endpoints.s3Endpoint() + "  (access key 'local', secret 'local')",
          "Press Ctrl-C to stop.",
          "");
    }

    /** Stops the modules before the servers, so no client keeps retrying a stopped broker. */
    @Override
    public void close() {
      if (context.isRunning()) {
        context.close();
      }
      devstack.close();
    }
  }
}
