package io.brmh.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one child process of the devstack leaves nothing running after a normal stop. */
class RedisServerProcessIT {

  @Test
  void normalStopLeavesNoProcessBehind(@TempDir Path base) throws Exception {
    RunDirectory run = RunDirectory.createFor(base);
    RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), run);
    redis.start();
    long pid = Long.parseLong(Files.readString(run.resolve("redis-server.pid")).trim());
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

    redis.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }
}
