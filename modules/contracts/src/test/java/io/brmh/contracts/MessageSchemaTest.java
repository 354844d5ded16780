package io.brmh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every message type has a JSON Schema and a canonical example that the schema and the record both
 * accept.
 */
class MessageSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final io.micronaut.serde.ObjectMapper SERDE =
      io.micronaut.serde.ObjectMapper.getDefault();

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everyTypeHasASchema(MessageType type) {
    assertThat(resource(type.schemaPath()))
        .as(
            "schemas/%s for %s: add it when you add a message type",
            type.schemaPath(), type.wireName())
        .isNotNull();
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void exampleValidatesAgainstItsSchema(MessageType type) {
    Set<ValidationMessage> errors = schemaOf(type).validate(example(type));
    assertThat(errors).as("%s against %s", type.examplePath(), type.schemaPath()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void exampleRoundTripsThroughItsRecordUnchanged(MessageType type) throws IOException {
    JsonNode example = example(type);
    Object payload = SERDE.readValue(example.toString(), type.payloadType());
    JsonNode written = JSON.readTree(SERDE.writeValueAsString(payload));
    assertThat(written)
        .as("%s written back by %s", type.wireName(), type.payloadType().getSimpleName())
        .isEqualTo(example);
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void schemaRejectsAnExampleMissingARequiredField(MessageType type) {
    JsonSchema schema = schemaOf(type);
    String required = schemaJson(type).get("required").get(0).asText();
    ObjectNode broken = ((ObjectNode) example(type)).deepCopy();
    broken.remove(required);
    assertThat(schema.validate(broken))
        .extracting(ValidationMessage::getMessage)
        .anyMatch(message -> message.contains(required));
  }

  @Test
  void wireNamesAreUniqueAndVersioned() {
    Set<String> names =
        Arrays.stream(MessageType.values()).map(MessageType::wireName).collect(Collectors.toSet());
    assertThat(names)
        .hasSize(MessageType.values().length)
        .allMatch(name -> name.matches("brmh(\\.[a-z][a-z-]*)+\\.v[1-9][0-9]*"));
  }

  @Test
  void removalWithAnAfterImageIsRejected() {
    ObjectNode removal = ((ObjectNode) example(MessageType.TABLE_ITEM_CHANGED)).deepCopy();
    removal.put("op", "REMOVE");
    assertThat(schemaOf(MessageType.TABLE_ITEM_CHANGED).validate(removal)).isNotEmpty();
  }

  @Test
  void failedJobWithoutAnErrorIsRejected() {
    ObjectNode failed = ((ObjectNode) example(MessageType.JOB_FAILED)).deepCopy();
    failed.remove("error");
    assertThat(schemaOf(MessageType.JOB_FAILED).validate(failed)).isNotEmpty();
  }

  private static JsonSchema schemaOf(MessageType type) {
    return SCHEMAS.getSchema(schemaJson(type));
  }

  private static JsonNode schemaJson(MessageType type) {
    return read(type.schemaPath());
  }

  private static JsonNode example(MessageType type) {
    return read(type.examplePath());
  }

  private static JsonNode read(String path) {
    try (InputStream in = resource(path)) {
      assertThat(in).as("schemas/" + path).isNotNull();
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    return MessageSchemaTest.class.getClassLoader().getResourceAsStream("schemas/" + path);
  }
}
