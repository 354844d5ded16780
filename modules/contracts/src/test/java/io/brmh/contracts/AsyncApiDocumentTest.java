package io.brmh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * schemas/asyncapi.yaml stays true to the catalogue: every message type is documented, every schema
 * it points to exists.
 */
class AsyncApiDocumentTest {
  private static Map<String, Object> document;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("schemas/asyncapi.yaml")) {
      assertThat(in).as("schemas/asyncapi.yaml").isNotNull();
      document = new Yaml().load(in);
    }
  }

  @Test
  void isAnAsyncApi3Document() {
    assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyMessageTypeIsDocumented() {
    Map<String, Map<String, Object>> messages =
        (Map<String, Map<String, Object>>)
            ((Map<String, Object>) document.get("components")).get("messages");
    List<Object> names = messages.values().stream().map(message -> message.get("name")).toList();
    for (MessageType type : MessageType.values()) {
      assertThat(names)
          .as("components.messages with name %s", type.wireName())
          .contains(type.wireName());
    }
  }

  @Test
  void everyReferencedSchemaFileExists() {
    List<String> fileReferences = new ArrayList<>();
    collectFileReferences(document, fileReferences);
    assertThat(fileReferences).isNotEmpty();
    for (String reference : fileReferences) {
      String path = "schemas/" + reference.substring(2);
      assertThat(getClass().getClassLoader().getResource(path)).as(reference).isNotNull();
    }
  }

  private static void collectFileReferences(Object node, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("$ref".equals(key)
                && value instanceof String reference
                && reference.startsWith("./")) {
              found.add(reference);
            } else {
              collectFileReferences(value, found);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectFileReferences(item, found));
    }
  }
}
