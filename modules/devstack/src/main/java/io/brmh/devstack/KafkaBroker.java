package io.brmh.devstack;

import io.brmh.contracts.TopicDefinition;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one), in-process, with the topics of
 * {@code config/topics.yaml} created before {@link #start()} returns.
 */
final class KafkaBroker implements ManagedServer, KafkaControl {
  private final int brokerPort;
  private final int controllerPort;
  private final Path logDir;
  private KafkaRaftServer server;

  KafkaBroker(int brokerPort, int controllerPort, Path logDir) {
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  @Override
  public void start() throws Exception {
    Properties properties = serverProperties();
    formatStorage(properties);
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    createTopics(TopicDefinition.loadAll());
  }

  private Properties serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "3");
    // Consumers in tests join a fresh group; don't make them wait for more members.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    return p;
  }

  private void formatStorage(Properties properties) throws IOException {
    Files.createDirectories(logDir);
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return; // formatted by an earlier local run that kept its data
    }
    Path file = logDir.resolveSibling("kafka-format.properties");
    try (OutputStream out = new FileOutputStream(file.toFile())) {
      properties.store(out, "devstack kafka");
    }
    String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()};
    int exitCode = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
    if (exitCode != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage in " + logDir + " failed with " + exitCode);
    }
  }

  private void createTopics(List<TopicDefinition> definitions)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          definitions.stream()
              .filter(definition -> !existing.contains(definition.name()))
              .map(
                  definition ->
                      new NewTopic(definition.name(), definition.partitions(), (short) 1)
                          .configs(definition.config()))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not create the topics within 30 s", e);
    }
  }

  @Override
  public synchronized void restart() throws Exception {
    close();
    start();
  }

  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }
}
