package io.brmh.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node OpenSearch 2.19 on loopback, for tests and benchmarks of the OpenSearch
 * engine. It runs as a child JVM on the classpath the {@code brmh-opensearch-node} build wrote
 * down: OpenSearch fails inside a JVM with Micronaut's Netty 4.2. The child ends when this JVM
 * closes the pipe to its standard input, which also happens when this JVM is killed. Its data lives
 * in a run directory that is deleted on {@link #close()}.
 */
public final class OpenSearchNode implements AutoCloseable {
  private static final String MAIN = "io.brmh.opensearchnode.OpenSearchNodeMain";
  private static final String CLASSPATH_FILE = "io/brmh/opensearchnode/classpath.txt";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Path DEFAULT_BASE =
      Path.of(System.getProperty("java.io.tmpdir"), "brmh-devstack");

  private final RunDirectory runDirectory;
  private final Process process;
  private final int httpPort;

  private OpenSearchNode(RunDirectory runDirectory, Process process, int httpPort) {
    this.runDirectory = runDirectory;
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts a node on free ports and returns once it answers with a yellow or green cluster. */
  public static OpenSearchNode start() {
    StaleRunReaper.reap(DEFAULT_BASE);
    RunDirectory runDirectory = RunDirectory.createFor(DEFAULT_BASE);
    int httpPort = Ports.freePort();
    int transportPort = Ports.freePort();
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xms256m",
                      "-Xmx768m",
                      "-XX:+UseSerialGC",
                      "-cp",
                      nodeClasspath(),
                      MAIN,
                      runDirectory.resolve("opensearch").toString(),
                      Integer.toString(httpPort),
                      Integer.toString(transportPort)))
              .redirectErrorStream(true)
              .redirectOutput(runDirectory.resolve("opensearch.log").toFile())
              .start();
    } catch (IOException e) {
      runDirectory.delete();
      throw new UncheckedIOException("cannot start the OpenSearch node", e);
    }
    runDirectory.recordChild("opensearch", process.pid());
    OpenSearchNode node = new OpenSearchNode(runDirectory, process, httpPort);
    try {
      node.awaitHealthy();
    } catch (RuntimeException e) {
      String log = node.logTail();
      node.close();
      throw new IllegalStateException(e.getMessage() + "; the end of its log:\n" + log, e);
    }
    return node;
  }

  /** The node's HTTP address, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  private void awaitHealthy() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the OpenSearch node exited with "
                + process.exitValue()
                + "; see "
                + runDirectory.resolve("opensearch.log"));
      }
      try {
        HttpResponse<String> answer = client.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && !answer.body().contains("\"red\"")) {
          return;
        }
      } catch (IOException notYet) {
        // The node is still starting: its port is not open yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the OpenSearch node started", e);
      }
      pause();
    }
    throw new IllegalStateException(
        "the OpenSearch node did not answer on " + url() + " within " + START_TIMEOUT);
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the OpenSearch node started", e);
    }
  }

  /** The last lines the node wrote, for a failure's message (its run directory goes on close). */
  private String logTail() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(runDirectory.resolve("opensearch.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The node's jars, as its build wrote them down, and the jar of its main class. */
  private static String nodeClasspath() throws IOException {
    URL file = OpenSearchNode.class.getClassLoader().getResource(CLASSPATH_FILE);
    if (file == null) {
      throw new IllegalStateException(
          CLASSPATH_FILE + " is missing: build modules/opensearch-node first");
    }
    String jars;
    try (InputStream in = file.openStream()) {
      jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    for (String jar : jars.split(java.io.File.pathSeparator)) {
      if (!java.nio.file.Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException(
            "the OpenSearch node's classpath names "
                + jar
                + ", which is not there: it was written by a build on another machine or for"
                + " another Maven repository; build modules/opensearch-node again here");
      }
    }
    return jars + java.io.File.pathSeparator + rootOf(file, CLASSPATH_FILE);
  }

  /** The jar or directory a resource was loaded from. */
  private static String rootOf(URL resource, String name) {
    String url = resource.toString();
    try {
      if (url.startsWith("jar:")) {
        return Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/")))).toString();
      }
      return Path.of(new URI(url.substring(0, url.length() - name.length()))).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + name + " in " + url, e);
    }
  }

  @Override
  public void close() {
    try {
      // The end of its input is the node's signal to close itself.
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      runDirectory.delete();
    }
  }
}
