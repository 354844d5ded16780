package io.brmh.local.bench;

import com.sun.net.httpserver.HttpServer;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.devstack.Devstack;
import io.brmh.devstack.DevstackSettings;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scrape worker's speed on this machine: a paginated execution of a namespace method against a
 * local API of 100 items per page (cursor paging, items of 500 bytes) into a DynamoDB Local table,
 * in items per second, beside the raw batch write of the same items into another table in the same
 * run (the ceiling); and the import of a large generated OpenAPI description (2,000 operations, 500
 * schemas) into a namespace, and its preview.
 *
 * <pre>java -cp modules/local/target/brmh-local.jar io.brmh.local.bench.ScrapeBenchmark [items]
 * </pre>
 */
public final class ScrapeBenchmark {
  private static final int DEFAULT_ITEMS = 20_000;
  private static final int PAGE = 100;
  private static final int OPERATIONS = 2_000;
  private static final int SCHEMAS = 500;
  private static final double TARGET_ITEMS_PER_SECOND = 2_000;

  private final ApplicationContext context;
  private final Figures figures = new Figures();
  private final int items;
  private final List<String> pages = new ArrayList<>();
  private String description;

  private ScrapeBenchmark(ApplicationContext context, int items) {
    this.context = context;
    this.items = items;
  }

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITEMS;
    // The JDK's server writes a response's headers and body apart; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK (40 ms a page), which no real API does.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer api =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String hostAndPort = "127.0.0.1:" + api.getAddress().getPort();
    try (Devstack devstack = Devstack.start(DevstackSettings.forTests())) {
      Map<String, Object> properties = new HashMap<>(devstack.endpoints().applicationProperties());
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      properties.put("brmh.jwt.secret", Base64.getEncoder().encodeToString(key));
      properties.put("brmh.dynamodb.create-tables", true);
      properties.put("brmh.stream-bridge.enabled", false);
      properties.put("micronaut.server.port", -1);
      properties.put("brmh.outbound.allowed-hosts", hostAndPort);
      try (ApplicationContext context =
          ApplicationContext.builder()
              .environments("bench")
              .deduceEnvironment(false)
              .properties(properties)
              .start()) {
        ScrapeBenchmark benchmark = new ScrapeBenchmark(context, items);
        benchmark.serve(api);
        benchmark.run("http://" + hostAndPort);
        System.out.println("RESULT " + benchmark.figures.json());
      } finally {
        api.stop(0);
      }
    }
    System.exit(0);
  }

  /**
   * The API: {@code /items?cursor=N} pages of the dataset, {@code /openapi.json} the description.
   */
  private void serve(HttpServer api) {
    for (int from = 0; from < items; from += PAGE) {
      StringBuilder page = new StringBuilder("{\"data\":[");
      for (int i = from; i < Math.min(items, from + PAGE); i++) {
        page.append(i == from ? "" : ",")
            .append(JsJson.write(PlainValues.fromItem(BenchDataset.item(i, 1))));
      }
      page.append("]");
      if (from + PAGE < items) {
        page.append(",\"next_cursor\":\"").append(from + PAGE).append('"');
      }
      pages.add(page.append('}').toString());
    }
    description = largeDescription();
    api.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String query = exchange.getRequestURI().getRawQuery();
          String body =
              path.equals("/openapi.json")
                  ? description
                  : pages.get(
                      query == null
                          ? 0
                          : Integer.parseInt(query.substring("cursor=".length())) / PAGE);
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    api.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    api.start();
  }

  private void run(String apiBase) throws IOException {
    DynamoDbClient dynamo = context.getBean(DynamoDbClient.class);
    Namespace namespace =
        context
            .getBean(NamespaceStore.class)
            .create(
                "bench-" + UUID.randomUUID().toString().substring(0, 8),
                "bench",
                "bench@brmh.local")
            .orElseThrow();
    NamespaceEntityStore entities = context.getBean(NamespaceEntityStore.class);
    NamespaceEntity account =
        entity(
            EntityKind.ACCOUNT,
            namespace,
            Map.of("namespace-account-name", "bench", "namespace-account-url-override", apiBase));
    NamespaceEntity method =
        entity(
            EntityKind.METHOD,
            namespace,
            Map.of(
                "namespace-method-name",
                "items",
                "namespace-method-type",
                "GET",
                "namespace-method-url-override",
                "/items"));
    entities.create(account);
    entities.create(method);

    // BRMH's own speed against its ceiling in the same run: the same items written straight into
    // a table without a stream. Then into tables with a stream, as every table BRMH makes has:
    // DynamoDB Local looks the stream up in SQLite for every write, at a cost that grows with the
    // stream records the whole database holds, so that ceiling is measured again right after.
    double rawPerSecond = rawWrites(dynamo, false);
    figures.put(
        "rawWritesPerSecond",
        rawPerSecond,
        String.format(
            Locale.ROOT,
            "%.0f items/s: raw batch writes into a table without a stream",
            rawPerSecond));
    execution(
        "executionItemsPerSecond",
        "an attached table without a stream",
        rawPerSecond,
        namespace,
        account,
        method,
        false);
    double streamPerSecond = rawWrites(dynamo, true);
    figures.put(
        "rawStreamWritesPerSecond",
        streamPerSecond,
        String.format(
            Locale.ROOT,
            "%.0f items/s: raw batch writes into a fresh table with a stream",
            streamPerSecond));
    execution(
        "executionStreamItemsPerSecond",
        "a table BRMH made (stream on)",
        streamPerSecond,
        namespace,
        account,
        method,
        true);
    double streamAfter = rawWrites(dynamo, true);
    figures.put(
        "rawStreamWritesAfterPerSecond",
        streamAfter,
        String.format(
            Locale.ROOT,
            "%.0f items/s: raw batch writes into a table with a stream after those runs",
            streamAfter));

    figures.put(
        "descriptionBytes",
        description.length(),
        description.length() + " bytes: " + OPERATIONS + " operations, " + SCHEMAS + " schemas");
    long previewStart = System.nanoTime();
    require(
        await(
            submit(
                namespace,
                MessageType.SCRAPE_IMPORT_REQUESTED,
                id ->
                    new ScrapeImportRequested(
                        id, null, apiBase + "/openapi.json", null, true, true, false, "bench"))),
        "preview");
    figures.put(
        "previewMs", ms(previewStart), ms(previewStart) + " ms to fetch, parse and preview it");
    long importStart = System.nanoTime();
    require(
        await(
            submit(
                namespace,
                MessageType.SCRAPE_IMPORT_REQUESTED,
                id ->
                    new ScrapeImportRequested(
                        id,
                        namespace.id(),
                        apiBase + "/openapi.json",
                        null,
                        true,
                        true,
                        false,
                        "bench"))),
        "import");
    figures.put(
        "importMs",
        ms(importStart),
        ms(importStart) + " ms to import it into a namespace (every method and schema written)");
    long again = System.nanoTime();
    require(
        await(
            submit(
                namespace,
                MessageType.SCRAPE_IMPORT_REQUESTED,
                id ->
                    new ScrapeImportRequested(
                        id,
                        namespace.id(),
                        apiBase + "/openapi.json",
                        null,
                        true,
                        true,
                        false,
                        "bench"))),
        "re-import");
    figures.put(
        "reimportMs", ms(again), ms(again) + " ms to import it again (everything unchanged)");
  }

  private double rawWrites(DynamoDbClient dynamo, boolean stream) {
    String raw = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
    BenchDataset.createTable(dynamo, raw, stream);
    long start = System.nanoTime();
    BenchDataset.load(dynamo, raw, items);
    return items / seconds(start);
  }

  /** A table of the namespace: made by BRMH (stream on), or made bare and attached. */
  private String newTable(Namespace namespace, boolean stream) {
    String table = "bench-run-" + UUID.randomUUID().toString().substring(0, 8);
    NamespaceTables tables = context.getBean(NamespaceTables.class);
    if (stream) {
      tables.create(
          new NamespaceTables.NamespaceTable(table, namespace.id(), null, null, null, "PENDING"),
          "bench");
    } else {
      BenchDataset.createTable(context.getBean(DynamoDbClient.class), table);
      tables.attach(table, namespace.id(), "bench");
    }
    return table;
  }

  /**
   * An unmeasured run into a table of its own warms up, then the measured run into {@code table}.
   */
  private void execution(
      String figure,
      String what,
      double ceiling,
      Namespace namespace,
      NamespaceEntity account,
      NamespaceEntity method,
      boolean stream) {
    String table = newTable(namespace, stream);
    for (String run : List.of(newTable(namespace, false), table)) {
      long start = System.nanoTime();
      Job job =
          await(
              submit(
                  namespace,
                  MessageType.SCRAPE_EXECUTION_REQUESTED,
                  id ->
                      new ScrapeExecutionRequested(
                          id,
                          namespace.id(),
                          method.id(),
                          account.id(),
                          run,
                          Map.of(),
                          Map.of(),
                          new ScrapeExecutionRequested.Pagination(
                              "cursor", null, null, null, null, null, null, null),
                          null,
                          null,
                          false,
                          "bench")));
      double perSecond = items / seconds(start);
      require(job, "paginated execution");
      if (run.equals(table)) {
        figures.put(
            figure,
            perSecond,
            String.format(
                Locale.ROOT,
                "%.0f items/s into %s, %d pages (target >= %.0f: %s), %.2f of its raw write",
                perSecond,
                what,
                items / PAGE,
                TARGET_ITEMS_PER_SECOND,
                perSecond >= TARGET_ITEMS_PER_SECOND ? "PASS" : "FAIL",
                perSecond / ceiling));
      }
    }
  }

  private NamespaceEntity entity(EntityKind kind, Namespace namespace, Map<String, Object> data) {
    return new NamespaceEntity(
        UUID.randomUUID().toString(),
        kind,
        namespace.id(),
        data,
        Map.of(),
        1,
        Instant.now(),
        Instant.now());
  }

  private Job submit(Namespace namespace, MessageType type, Function<String, Object> command) {
    String jobId = UUID.randomUUID().toString();
    Object payload = command.apply(jobId);
    String key = payload instanceof ScrapeImportRequested i && i.preview() ? jobId : namespace.id();
    return context
        .getBean(JobCommands.class)
        .submit(
            jobId,
            "bench",
            "namespace:" + namespace.id(),
            "bench",
            id ->
                new Envelope<>(
                    EnvelopeAttributes.create(type, "/brmh/bench", key).withJobId(id), payload));
  }

  private Job await(Job job) {
    JobRegistry jobs = context.getBean(JobRegistry.class);
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (System.nanoTime() < deadline) {
      Job now = jobs.find(job.id()).orElseThrow();
      if (now.status().isTerminal()) {
        return now;
      }
      try {
        Thread.sleep(20); // polling the job's status; the figure's resolution is 20 ms
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("job " + job.id() + " did not end in 10 minutes");
  }

  private static void require(Job job, String what) {
    if (job.status() != JobStatus.SUCCEEDED) {
      throw new IllegalStateException(what + " ended " + job.status() + ": " + job.error());
    }
  }

  /** A description of many operations over many schemas that refer to each other. */
  private static String largeDescription() {
    StringBuilder json =
        new StringBuilder(
            "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Large\",\"version\":\"1\"},\"servers\":[{\"url\":\"https://api.example.com/v1\"}],\"paths\":{");
    for (int i = 0; i < OPERATIONS / 2; i++) {
      int schema = i % SCHEMAS;
      json.append(i == 0 ? "" : ",")
          .append("\"/things")
          .append(i)
          .append("/{id}\":{")
          .append(
              "\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}],")
          .append("\"get\":{\"operationId\":\"get")
          .append(i)
          .append(
              "\",\"parameters\":[{\"name\":\"fields\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],")
          .append(
              "\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S")
          .append(schema)
          .append("\"}}}}}},")
          .append("\"put\":{\"operationId\":\"put")
          .append(i)
          .append(
              "\",\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S")
          .append(schema)
          .append("\"}}}},")
          .append("\"responses\":{\"200\":{\"description\":\"ok\"}}}}");
    }
    json.append("},\"components\":{\"schemas\":{");
    for (int s = 0; s < SCHEMAS; s++) {
      json.append(s == 0 ? "" : ",")
          .append("\"S")
          .append(s)
          .append("\":{\"type\":\"object\",\"properties\":{")
          .append(
              "\"id\":{\"type\":\"string\"},\"count\":{\"type\":\"integer\"},\"price\":{\"type\":\"number\"}")
          .append(s > 0 ? ",\"parent\":{\"$ref\":\"#/components/schemas/S" + (s - 1) + "\"}" : "")
          .append("}}");
    }
    return json.append("}}}").toString();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
