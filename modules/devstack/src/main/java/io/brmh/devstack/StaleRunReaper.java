package io.brmh.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after devstack runs whose JVM died without stopping its children (for example after
 * {@code kill -9}). Only run directories whose owner JVM is gone are touched, and a recorded PID is
 * killed only when that process still runs an executable from the same run directory, so a reused
 * PID or another live run is never hit.
 */
final class StaleRunReaper {
  private static final Logger LOG = LoggerFactory.getLogger(StaleRunReaper.class);

  private StaleRunReaper() {}

  /** Reaps every stale run under {@code base}; returns how many child processes it killed. */
  static int reap(Path base) {
    if (!Files.isDirectory(base)) {
      return 0;
    }
    int killed = 0;
    for (Path runDir : list(base)) {
      boolean ownerAlive =
          RunDirectory.ownerOf(runDir).stream()
              .mapToObj(ProcessHandle::of)
              .anyMatch(owner -> owner.map(ProcessHandle::isAlive).orElse(false));
      if (ownerAlive || RunDirectory.ownerOf(runDir).isEmpty()) {
        continue;
      }
      killed += killRecordedChildren(runDir);
      RunDirectory.deleteRecursively(runDir);
    }
    return killed;
  }

  private static int killRecordedChildren(Path runDir) {
    int killed = 0;
    for (Path pidFile : list(runDir)) {
      if (!pidFile.getFileName().toString().endsWith(RunDirectory.PID_SUFFIX)) {
        continue;
      }
      Optional<ProcessHandle> child = readPid(pidFile).flatMap(ProcessHandle::of);
      if (child.isPresent() && runsFrom(child.get(), runDir)) {
        LOG.info(
            "Stopping {} (pid {}) left behind by a devstack run that died",
            pidFile.getFileName(),
            child.get().pid());
        child.get().destroyForcibly();
        child.get().onExit().join();
        killed++;
      }
    }
    return killed;
  }

  private static boolean runsFrom(ProcessHandle process, Path runDir) {
    return process
        .info()
        .command()
        .map(command -> command.startsWith(runDir.toAbsolutePath().toString()))
        .orElse(false);
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
