package io.brmh.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (6.2, the binary bundled in the embedded-redis artifact) run as a child
 * process whose PID is recorded in the run directory. Tests persist nothing; the local run keeps an
 * append-only file in its data directory, so that its caches survive a restart (fsync every second:
 * a crash loses at most the last second, which the cache worker's checks then rebuild).
 */
final class RedisServerProcess implements ManagedServer, RedisControl {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final int port;
  private final RunDirectory runDirectory;
  private final Path dataDir;
  private Process process;

  /**
   * @param dataDir where the append-only file lives, or {@code null} to persist nothing
   */
  RedisServerProcess(int port, RunDirectory runDirectory, Path dataDir) {
    this.port = port;
    this.runDirectory = runDirectory;
    this.dataDir = dataDir;
  }

  @Override
  public void start() throws Exception {
    Path binary = extractBinary();
    List<String> persistence =
        dataDir == null
            ? List.of("--appendonly", "no", "--dir", runDirectory.path().toString())
            : List.of(
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--dir",
                Files.createDirectories(dataDir).toString());
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                ""));
    command.addAll(persistence);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(runDirectory.resolve("redis.log").toFile())
            .start();
    runDirectory.recordChild("redis-server", process.pid());
    awaitPong();
  }

  private Path extractBinary() throws IOException {
    String resource = bundledBinaryName();
    Path target = runDirectory.resolve("redis-server");
    try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("embedded-redis has no " + resource + " for this platform");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!target.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + target + " executable");
    }
    return target;
  }

  private static String bundledBinaryName() {
    String os = System.getProperty("os.name").toLowerCase();
    boolean arm =
        System.getProperty("os.arch").contains("aarch64")
            || System.getProperty("os.arch").contains("arm");
    if (os.contains("mac")) {
      return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
    }
    return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
  }

  private void awaitPong() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with "
                + process.exitValue()
                + "; see "
                + runDirectory.resolve("redis.log"));
      }
      if (answersPing()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(25);
    }
    throw new IllegalStateException(
        "redis-server did not answer PING on port " + port + " within " + START_TIMEOUT);
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = socket.getInputStream().readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void pause() {
    signal("-STOP");
  }

  @Override
  public void resume() {
    signal("-CONT");
  }

  private synchronized void signal(String signal) {
    if (process == null) {
      throw new IllegalStateException("redis-server is not running");
    }
    try {
      int exit =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .inheritIO()
              .start()
              .waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill " + signal + " of redis-server exited with " + exit);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }
}
