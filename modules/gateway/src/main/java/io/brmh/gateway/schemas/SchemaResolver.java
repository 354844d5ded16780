package io.brmh.gateway.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Inlines the references between a namespace's schemas, as the original's {@code $ref}s are
 * written: a {@code $ref} that does not start with {@code #} names another schema by its id, the
 * last segment of its path ({@code "$ref": "…/schema/<id>"} or just {@code "<id>"}). The named
 * schema replaces the object holding the reference (its other members are kept beside, as 2020-12
 * allows), recursively; a schema reached again on its own path is a cycle and refused. References
 * within a schema ({@code #/$defs/…}) stay as they are.
 */
final class SchemaResolver {
  /** Deeper nesting of references than this is refused: it would only make huge answers. */
  static final int MAX_DEPTH = 32;

  /** Inlined schemas beyond this are refused, whatever their depth. */
  static final int MAX_INLINED = 100;

  private final Function<String, Optional<JsonNode>> schemasById;
  private final Deque<String> path = new ArrayDeque<>();
  private final List<Problem.FieldError> faults = new ArrayList<>();
  private int inlined;

  private SchemaResolver(Function<String, Optional<JsonNode>> schemasById) {
    this.schemasById = schemasById;
  }

  /**
   * @param rootId the id of the schema resolved, or null for one not stored
   * @param schemasById the namespace's schemas, by id
   * @param at the schema's place in the request body ({@code /schema})
   * @throws ProblemException 400 naming each reference to no schema of the namespace, each cycle
   */
  static JsonNode resolve(
      String rootId, JsonNode schema, Function<String, Optional<JsonNode>> schemasById, String at) {
    SchemaResolver resolver = new SchemaResolver(schemasById);
    if (rootId != null) {
      resolver.path.push(rootId);
    }
    JsonNode resolved = resolver.inline(schema, at);
    if (!resolver.faults.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-schema", "The schema is not valid.", resolver.faults);
    }
    return resolved;
  }

  /** The id a reference names, or null when it refers within its schema. */
  static String referencedId(String reference) {
    if (reference.startsWith("#")) {
      return null;
    }
    String target =
        reference.contains("#") ? reference.substring(0, reference.indexOf('#')) : reference;
    while (target.endsWith("/")) {
      target = target.substring(0, target.length() - 1);
    }
    return target.substring(target.lastIndexOf('/') + 1);
  }

  private JsonNode inline(JsonNode node, String at) {
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(inline(node.get(i), at + "/" + i));
      }
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    JsonNode reference = node.get("$ref");
    if (reference != null && reference.isTextual() && referencedId(reference.asText()) != null) {
      return inlineReference(node, referencedId(reference.asText()), at + "/$ref");
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      copy.set(
          member.getKey(),
          inline(member.getValue(), at + "/" + JsonSchemas.escape(member.getKey())));
    }
    return copy;
  }

  private JsonNode inlineReference(JsonNode holder, String id, String at) {
    if (path.contains(id)) {
      List<String> cycle = new ArrayList<>(path);
      java.util.Collections.reverse(cycle);
      cycle.add(id);
      faults.add(new Problem.FieldError(at, "refers in a cycle: " + String.join(" → ", cycle)));
      return holder;
    }
    if (path.size() >= MAX_DEPTH || ++inlined > MAX_INLINED) {
      faults.add(new Problem.FieldError(at, "refers deeper than " + MAX_DEPTH + " schemas"));
      return holder;
    }
    Optional<JsonNode> target = schemasById.apply(id);
    if (target.isEmpty()) {
      faults.add(new Problem.FieldError(at, "names no schema " + id + " of this namespace"));
      return holder;
    }
    path.push(id);
    JsonNode resolved = inline(target.get(), at);
    path.pop();
    if (!resolved.isObject()) {
      return resolved;
    }
    ObjectNode merged = (ObjectNode) resolved; // a fresh copy: inline copies every object
    merged.remove("$schema"); // the draft is the root's
    for (Iterator<Map.Entry<String, JsonNode>> it = holder.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (!member.getKey().equals("$ref") && !merged.has(member.getKey())) {
        merged.set(member.getKey(), inline(member.getValue(), at));
      }
    }
    return merged;
  }
}
