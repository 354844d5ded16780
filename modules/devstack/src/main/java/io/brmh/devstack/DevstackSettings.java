package io.brmh.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the devstack's servers listen and keep their files.
 *
 * @param ports the port of every service
 * @param dataDir where DynamoDB and S3 keep data across runs, or {@code null} to keep everything in
 *     memory (tests)
 */
public record DevstackSettings(Map<DevstackService, Integer> ports, Path dataDir) {

  public DevstackSettings {
    for (DevstackService service : DevstackService.values()) {
      if (!ports.containsKey(service)) {
        throw new IllegalArgumentException("no port for " + service);
      }
    }
    ports = Map.copyOf(ports);
  }

  /** Random free ports and in-memory data: what tests use. */
  public static DevstackSettings forTests() {
    Map<DevstackService, Integer> ports = new EnumMap<>(DevstackService.class);
    for (DevstackService service : DevstackService.values()) {
      ports.put(service, Ports.freePort());
    }
    return new DevstackSettings(ports, null);
  }

  /**
   * The local run's fixed ports, each overridable by its environment variable, with data kept in
   * {@code dataDir}.
   *
   * @throws IllegalArgumentException naming the variable when a value is not a port number
   */
  public static DevstackSettings forLocalRun(Function<String, String> environment, Path dataDir) {
    Map<DevstackService, Integer> ports = new EnumMap<>(DevstackService.class);
    for (DevstackService service : DevstackService.values()) {
      ports.put(service, portFrom(environment, service.portVariable(), service.defaultPort()));
    }
    return new DevstackSettings(ports, dataDir);
  }

  /** Reads a port from an environment variable, falling back to a default. */
  public static int portFrom(
      Function<String, String> environment, String variable, int defaultPort) {
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          variable + " must be a port number between 1 and 65535, not '" + value + "'");
    }
  }

  public int port(DevstackService service) {
    return ports.get(service);
  }

  public Optional<Path> persistentDataDir() {
    return Optional.ofNullable(dataDir);
  }
}
