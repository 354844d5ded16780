package io.brmh.gateway.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.brmh.platform.problem.Problem;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON Schema for namespace schemas: drafts 7 and 2020-12 (the default), checked against their
 * meta-schemas, data checked against a schema, and a schema inferred from a sample. Nothing is ever
 * fetched: only the meta-schemas bundled with the validator load, and a schema may refer outside
 * itself only to schemas of its namespace, which {@link SchemaResolver} inlines first. Faults name
 * their place as a JSON Pointer into the request body ({@code /schema/properties/age/type}).
 */
@Singleton
public class JsonSchemas {
  /** More faults than this are not worth listing. */
  static final int MAX_FAULTS = 50;

  private static final Map<String, SpecVersion.VersionFlag> DRAFTS =
      Map.of(
          SchemaId.V7, SpecVersion.VersionFlag.V7,
          SchemaId.V202012, SpecVersion.VersionFlag.V202012);

  private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

  private final Map<SpecVersion.VersionFlag, JsonSchemaFactory> factories;
  private final Map<SpecVersion.VersionFlag, JsonSchema> metaSchemas;

  JsonSchemas() {
    this.factories =
        Map.of(
            SpecVersion.VersionFlag.V7, factory(SpecVersion.VersionFlag.V7),
            SpecVersion.VersionFlag.V202012, factory(SpecVersion.VersionFlag.V202012));
    this.metaSchemas =
        Map.of(
            SpecVersion.VersionFlag.V7,
            factories
                .get(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of(SchemaId.V7), CONFIG),
            SpecVersion.VersionFlag.V202012,
            factories
                .get(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG));
  }

  private static JsonSchemaFactory factory(SpecVersion.VersionFlag draft) {
    return JsonSchemaFactory.getInstance(
        draft,
        builder ->
            builder.schemaLoaders(
                loaders ->
                    loaders.add(
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
  }

  /**
   * What is wrong with a schema whose references are inlined: an unknown {@code $schema}, a
   * reference that leaves it, or a breach of its draft's meta-schema.
   *
   * @param at the schema's place in the request body, as a JSON Pointer ({@code /schema})
   */
  public List<Problem.FieldError> schemaFaults(JsonNode schema, String at) {
    List<Problem.FieldError> faults = new ArrayList<>();
    if (!schema.isObject() && !schema.isBoolean()) {
      faults.add(new Problem.FieldError(at, "must be a JSON Schema: an object or a boolean"));
      return faults;
    }
    if (draftOf(schema) == null) {
      faults.add(
          new Problem.FieldError(
              at + "/$schema", "must be " + SchemaId.V7 + " or " + SchemaId.V202012));
      return faults;
    }
    outsideReferences(schema, at, faults);
    if (!faults.isEmpty()) {
      return faults;
    }
    metaSchemas.get(draftOf(schema)).validate(schema).stream()
        .sorted(Comparator.comparing(message -> message.getInstanceLocation().toString()))
        .limit(MAX_FAULTS)
        .forEach(message -> faults.add(fault(at, message)));
    return faults;
  }

  /**
   * What is wrong with {@code data} by a schema {@link #schemaFaults} accepts.
   *
   * @param at the data's place in the request body ({@code /data})
   */
  public List<Problem.FieldError> dataFaults(JsonNode schema, JsonNode data, String at) {
    JsonSchema compiled = factories.get(draftOf(schema)).getSchema(schema, CONFIG);
    return compiled.validate(data).stream()
        .sorted(Comparator.comparing(message -> message.getInstanceLocation().toString()))
        .limit(MAX_FAULTS)
        .map(message -> fault(at, message))
        .toList();
  }

  /**
   * A draft 2020-12 schema a sample fits: objects with their members as required properties, arrays
   * with one item schema, strings with a format where one is evident, integers apart from other
   * numbers.
   */
  public ObjectNode generate(JsonNode sample) {
    ObjectNode schema = infer(sample);
    schema.put("$schema", SchemaId.V202012);
    return schema;
  }

  private static ObjectNode infer(JsonNode sample) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    if (sample.isObject()) {
      schema.put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      ArrayNode required = JsonNodeFactory.instance.arrayNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = sample.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        properties.set(member.getKey(), infer(member.getValue()));
        if (!member.getValue().isNull()) {
          required.add(member.getKey());
        }
      }
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
    } else if (sample.isArray()) {
      schema.put("type", "array");
      if (!sample.isEmpty()) {
        schema.set("items", infer(sample.get(0)));
      }
    } else if (sample.isIntegralNumber()
        || (sample.isNumber() && sample.decimalValue().stripTrailingZeros().scale() <= 0)) {
      schema.put("type", "integer");
    } else if (sample.isNumber()) {
      schema.put("type", "number");
    } else if (sample.isBoolean()) {
      schema.put("type", "boolean");
    } else if (sample.isNull()) {
      schema.put("type", "null");
    } else {
      schema.put("type", "string");
      String text = sample.asText();
      if (DATE_TIME.matcher(text).matches()) {
        schema.put("format", "date-time");
      } else if (EMAIL.matcher(text).matches()) {
        schema.put("format", "email");
      } else if (text.startsWith("https://") || text.startsWith("http://")) {
        schema.put("format", "uri");
      }
    }
    return schema;
  }

  /** The draft a schema names, 2020-12 when it names none; null for any other. */
  static SpecVersion.VersionFlag draftOf(JsonNode schema) {
    JsonNode named = schema.isObject() ? schema.get("$schema") : null;
    if (named == null) {
      return SpecVersion.VersionFlag.V202012;
    }
    String iri = named.asText();
    return DRAFTS.get(iri.endsWith("#") ? iri.substring(0, iri.length() - 1) : iri);
  }

  private static void outsideReferences(JsonNode node, String at, List<Problem.FieldError> faults) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String place = at + "/" + escape(member.getKey());
        if (REFERENCES.contains(member.getKey())
            && member.getValue().isTextual()
            && !member.getValue().asText().startsWith("#")) {
          faults.add(
              new Problem.FieldError(
                  place, "must refer within the schema (#…) or to a schema of its namespace"));
        } else {
          outsideReferences(member.getValue(), place, faults);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        outsideReferences(node.get(i), at + "/" + i, faults);
      }
    }
  }

  private static Problem.FieldError fault(String at, ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String text = message.getMessage();
    // The validator starts each message with the place; the field says it already.
    if (text.startsWith(location + ": ")) {
      text = text.substring(location.length() + 2);
    }
    return new Problem.FieldError(at + (location.equals("/") ? "" : location), text);
  }

  /** A member name as a JSON Pointer token (RFC 6901). */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
