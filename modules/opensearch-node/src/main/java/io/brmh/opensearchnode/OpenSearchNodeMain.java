package io.brmh.opensearchnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch node on loopback until its parent goes away: {@code <home> <http port>
 * <transport port>}. The parent holds this process's standard input; when that closes (the parent
 * stopped, or was killed), the node closes too, so no node outlives the run that started it.
 */
public final class OpenSearchNodeMain {
  private OpenSearchNodeMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: OpenSearchNodeMain <home> <http port> <transport port>");
      System.exit(2);
    }
    Path home = Files.createDirectories(Path.of(args[0]));
    String httpPort = args[1];
    String transportPort = args[2];
    OpenSearchRunner runner = new OpenSearchRunner();
    runner.onBuild(
        (number, settings) -> {
          settings.put("http.port", httpPort);
          settings.put("transport.port", transportPort);
          settings.put("network.host", "127.0.0.1");
          // A write to an index that is not there fails, as on the embedded engine, instead of
          // making one with guessed mappings.
          settings.put("action.auto_create_index", "false");
          // A test machine's disk may be fuller than a server's: never turn indexes read-only.
          settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(runner), "opensearch-node-stop"));
    runner.build(
        OpenSearchRunner.newConfigs()
            .basePath(home.toString())
            .numOfNode(1)
            .clusterName("brmh-devstack")
            .disableESLogger());
    runner.ensureYellow();
    System.out.println("BRMH OpenSearch node ready on http://127.0.0.1:" + httpPort);
    awaitEndOfInput(System.in);
    close(runner);
    System.exit(0);
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Nothing is expected on the pipe; only its end matters.
    }
  }

  private static void close(OpenSearchRunner runner) {
    try {
      runner.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("OpenSearch node did not close cleanly: " + e);
    }
  }
}
