package io.brmh.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one child process of the devstack: nothing left running after a stop, data kept where the
 * local run asks for it.
 */
class RedisServerProcessIT {

  @Test
  void normalStopLeavesNoProcessBehind(@TempDir Path base) throws Exception {
    RunDirectory run = RunDirectory.createFor(base);
    RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), run, null);
    redis.start();
    long pid = Long.parseLong(Files.readString(run.resolve("redis-server.pid")).trim());
    assertThat(ProcessHandle.of(pid))
        .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

    redis.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void withADataDirectoryAKeySurvivesAKill(@TempDir Path base) throws Exception {
    int port = Ports.freePort();
    RedisServerProcess redis =
        new RedisServerProcess(port, RunDirectory.createFor(base), base.resolve("data"));
    redis.start();
    // Redis writes the append-only file before it answers, so a killed process loses nothing the OS
    // already has.
    assertThat(command(port, "SET kept value")).isEqualTo("+OK");

    redis.kill();
    redis.start();

    assertThat(command(port, "GET kept")).isEqualTo("$5");
    redis.close();
  }

  @Test
  void withoutADataDirectoryARestartedRedisIsEmpty(@TempDir Path base) throws Exception {
    int port = Ports.freePort();
    RedisServerProcess redis = new RedisServerProcess(port, RunDirectory.createFor(base), null);
    redis.start();
    command(port, "SET gone value");

    redis.kill();
    redis.start();

    assertThat(command(port, "GET gone")).isEqualTo("$-1");
    redis.close();
  }

  /** Sends one inline command and returns the first line of the answer. */
  private static String command(int port, String command) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    }
  }
}
