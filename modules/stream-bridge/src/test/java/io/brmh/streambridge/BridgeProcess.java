package io.brmh.streambridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stream bridge as a separate operating-system process, from the jar this module packaged, so a test can kill it. */
final class BridgeProcess implements AutoCloseable {
  private final Process process;

  private BridgeProcess(Process process) {
    this.process = process;
  }

  static BridgeProcess start(Map<String, String> properties, Path log) throws Exception {
    Path jar = Path.of("target", "brmh-stream-bridge.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: integration tests run after package");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-Dmicronaut.server.port=-1");
    command.addAll(List.of("-jar", jar.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new BridgeProcess(process);
  }

  /** {@code kill -9}: no shutdown hook, its leases stay until they expire. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
