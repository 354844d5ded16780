package io.brmh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config/topics.yaml and the typed catalogue name the same topics. */
class TopicCatalogueTest {
  private final List<TopicDefinition> definitions = TopicDefinition.loadAll();

  @Test
  void everyCatalogueTopicAndItsDeadLetterTopicIsDefined() {
    List<String> defined = definitions.stream().map(TopicDefinition::name).toList();
    for (Topic topic : Topic.values()) {
      assertThat(defined).contains(topic.topicName(), topic.deadLetterTopicName());
    }
  }

  @Test
  void everyDefinedTopicIsInTheCatalogue() {
    List<String> known = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      known.add(topic.topicName());
      known.add(topic.deadLetterTopicName());
    }
    assertThat(known).containsAll(definitions.stream().map(TopicDefinition::name).toList());
  }

  @Test
  void everyDefinitionHasPartitionsAndARetention() {
    assertThat(definitions)
        .allSatisfy(
            definition -> {
              assertThat(definition.partitions()).as(definition.name()).isPositive();
              assertThat(definition.config()).as(definition.name()).containsKey("retention.ms");
            });
  }
}
