package io.brmh.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunReaperTest {

  @Test
  void childOfADeadRunIsKilledAndItsDirectoryRemoved(@TempDir Path base) throws Exception {
    long deadOwner = deadPid();
    Path runDir = Files.createDirectories(base.resolve("run-" + deadOwner + "-1"));
    Process child = startSleepFrom(runDir);
    Files.writeString(runDir.resolve("redis-server.pid"), Long.toString(child.pid()));

    assertThat(StaleRunReaper.reap(base)).isEqualTo(1);

    assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(runDir).doesNotExist();
  }

  @Test
  void runOfALiveOwnerIsLeftAlone(@TempDir Path base) throws Exception {
    Path runDir =
        Files.createDirectories(base.resolve("run-" + ProcessHandle.current().pid() + "-1"));
    Process child = startSleepFrom(runDir);
    Files.writeString(runDir.resolve("redis-server.pid"), Long.toString(child.pid()));
    try {
      assertThat(StaleRunReaper.reap(base)).isZero();
      assertThat(child.isAlive()).isTrue();
      assertThat(runDir).exists();
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void recordedPidRunningSomethingElseIsNotKilled(@TempDir Path base) throws Exception {
    Path runDir = Files.createDirectories(base.resolve("run-" + deadPid() + "-1"));
    Process unrelated = new ProcessBuilder("sleep", "60").start();
    Files.writeString(runDir.resolve("redis-server.pid"), Long.toString(unrelated.pid()));
    try {
      assertThat(StaleRunReaper.reap(base)).isZero();
      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly().waitFor();
    }
  }

  private static Process startSleepFrom(Path runDir) throws Exception {
    Path sleep = runDir.resolve("redis-server");
    Files.copy(Path.of("/bin/sleep"), sleep, StandardCopyOption.REPLACE_EXISTING);
    sleep.toFile().setExecutable(true);
    return new ProcessBuilder(sleep.toString(), "60").start();
  }

  /** A PID that belonged to a process that has exited. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }
}
