package io.brmh.devstack;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local (with Streams), in-process. {@code -sharedDb} makes every access key and region
 * see the same tables, as one account would.
 */
final class DynamoDbLocalServer implements ManagedServer {
  private final int port;
  private final Path dataDir;
  private DynamoDBProxyServer server;

  /**
   * @param dataDir where tables persist, or {@code null} to keep them in memory
   */
  DynamoDbLocalServer(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  @Override
  public void start() throws Exception {
    List<String> args =
        new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
    if (dataDir == null) {
      args.add("-inMemory");
    } else {
      Files.createDirectories(dataDir);
      args.addAll(List.of("-dbPath", dataDir.toString()));
    }
    server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
    bindToLoopback(server);
    server.start();
  }

  /**
   * DynamoDB Local has no host option and listens on every interface; with its accept-any
   * credentials, anyone on the network could write BRMH's tables. Its Jetty server is not exposed,
   * so its connectors are reached by reflection, before start (pinned version 2.6.1).
   */
  private static void bindToLoopback(DynamoDBProxyServer server)
      throws ReflectiveOperationException {
    Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
    jettyField.setAccessible(true);
    Server jetty = (Server) jettyField.get(server);
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector network) {
        network.setHost("127.0.0.1");
      }
    }
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    } finally {
      server = null;
    }
  }
}
