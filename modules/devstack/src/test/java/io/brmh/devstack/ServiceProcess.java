package io.brmh.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A BRMH service as a separate operating-system process, from the runnable jar its module packaged
 * (integration tests run after {@code package}), so that a test can kill it with {@code -9}.
 */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;

  private ServiceProcess(Process process) {
    this.process = process;
  }

  /**
   * @param jar the service's jar, for example {@code target/brmh-cache-worker.jar}
   * @param properties system properties for the service (the devstack's endpoints, ...)
   * @param log where its output goes
   */
  public static ServiceProcess start(Path jar, Map<String, String> properties, Path log)
      throws Exception {
    return start(jar, "512m", properties, Map.of(), log);
  }

  /**
   * @param maxHeap the service's {@code -Xmx}
   * @param environment variables added to the service's environment (the local run reads its ports
   *     and data directory there)
   */
  public static ServiceProcess start(
      Path jar,
      String maxHeap,
      Map<String, String> properties,
      Map<String, String> environment,
      Path log)
      throws Exception {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing: integration tests run after package");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap));
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-Dmicronaut.server.port=-1");
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new ServiceProcess(builder.start());
  }

  /**
   * {@code kill -9}: no shutdown hook runs, nothing beyond what the service already saved survives.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /**
   * {@code kill -STOP}: the service stops in the middle of whatever it did, its connections open,
   * as in a long garbage-collection pause or a hung host; {@link #resume} lets it go on.
   */
  public void freeze() throws Exception {
    signal("-STOP");
  }

  /** {@code kill -CONT}: a frozen service goes on where it stopped. */
  public void resume() throws Exception {
    signal("-CONT");
  }

  private void signal(String signal) throws Exception {
    int exit =
        new ProcessBuilder("kill", signal, Long.toString(process.pid()))
            .inheritIO()
            .start()
            .waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill " + signal + " exited with " + exit);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
