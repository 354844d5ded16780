package io.brmh.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The scratch directory of one devstack run: {@code <base>/run-<pid>-<n>}, where pid is the JVM
 * that owns it. Child processes record their PIDs here ({@code <name>.pid}), so that a later run
 * can reap them if this JVM dies without stopping them.
 */
final class RunDirectory {
  static final String PREFIX = "run-";
  static final String PID_SUFFIX = ".pid";

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /** Creates a fresh run directory for the current JVM under {@code base}. */
  static RunDirectory createFor(Path base) {
    try {
      Files.createDirectories(base);
      return new RunDirectory(
          Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  void recordChild(String name, long pid) {
    try {
      Files.writeString(path.resolve(name + PID_SUFFIX), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PID of the JVM that owns a run directory, from its name. */
  static OptionalLong ownerOf(Path runDir) {
    String name = runDir.getFileName().toString();
    if (!name.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    String owner = name.substring(PREFIX.length()).split("-", 2)[0];
    try {
      return OptionalLong.of(Long.parseLong(owner));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  void delete() {
    deleteRecursively(path);
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
