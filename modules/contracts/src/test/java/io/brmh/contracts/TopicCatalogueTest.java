package io.brmh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** config/topics.yaml and the typed catalogue name the same topics. */
class TopicCatalogueTest {

  @Test
  void everyCatalogueTopicAndItsDeadLetterTopicIsDefined() throws IOException {
    List<String> defined = definedTopicNames();
    for (Topic topic : Topic.values()) {
      assertThat(defined).contains(topic.topicName(), topic.deadLetterTopicName());
    }
  }

  @Test
  void everyDefinedTopicIsInTheCatalogue() throws IOException {
    List<String> known = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      known.add(topic.topicName());
      known.add(topic.deadLetterTopicName());
    }
    assertThat(known).containsAll(definedTopicNames());
  }

  @SuppressWarnings("unchecked")
  private static List<String> definedTopicNames() throws IOException {
    try (InputStream in = TopicCatalogueTest.class.getClassLoader().getResourceAsStream("brmh-config/topics.yaml")) {
      assertThat(in).as("config/topics.yaml on the classpath").isNotNull();
      Map<String, Object> document = new Yaml().load(in);
      List<Map<String, Object>> topics = (List<Map<String, Object>>) document.get("topics");
      return topics.stream().map(topic -> (String) topic.get("name")).toList();
    }
  }
}
