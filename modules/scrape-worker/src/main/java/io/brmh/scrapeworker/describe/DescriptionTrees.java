package io.brmh.scrapeworker.describe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads JSON and YAML documents as trees, numbers with every digit. */
final class DescriptionTrees {
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private DescriptionTrees() {}

  /** The document as a tree, or empty when it is neither JSON nor YAML of an object. */
  static Optional<JsonNode> read(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("<")) {
      return Optional.empty(); // HTML or XML: YAML would take it as one long string
    }
    try {
      // JSON is YAML, but YAML refuses the tabs JSON may be indented with
      JsonNode tree = text.startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
      return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
    } catch (IOException | RuntimeException notATree) {
      return Optional.empty();
    }
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
