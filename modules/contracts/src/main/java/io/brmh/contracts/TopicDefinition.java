package io.brmh.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * How one topic is created: partitions and topic-level configuration, as defined in {@code
 * config/topics.yaml} (packaged in this jar as {@value #RESOURCE}).
 *
 * @param name the topic name
 * @param partitions number of partitions; the unit of ordering and of consumer parallelism
 * @param config topic-level settings such as {@code retention.ms}
 */
public record TopicDefinition(String name, int partitions, Map<String, String> config) {
  /** Classpath location of the topic definitions. */
  public static final String RESOURCE = "brmh-config/topics.yaml";

  /** Every topic definition from {@code config/topics.yaml}. */
  public static List<TopicDefinition> loadAll() {
    try (InputStream in = TopicDefinition.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      Map<String, List<Map<String, Object>>> document = new Yaml().load(in);
      return document.get("topics").stream().map(TopicDefinition::fromYaml).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static TopicDefinition fromYaml(Map<String, Object> entry) {
    Map<String, Object> config = (Map<String, Object>) entry.getOrDefault("config", Map.of());
    Map<String, String> settings = new java.util.TreeMap<>();
    config.forEach((key, value) -> settings.put(key, String.valueOf(value)));
    return new TopicDefinition(
        (String) entry.get("name"), (Integer) entry.get("partitions"), Map.copyOf(settings));
  }
}
