package io.brmh.cacheworker.bulk;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB scan start keys (string, number or binary attributes) in a JSON-friendly form for
 * checkpoints.
 */
final class ScanKeys {
  private ScanKeys() {}

  static Map<String, Map<String, String>> encode(Map<String, AttributeValue> key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    Map<String, Map<String, String>> encoded = new HashMap<>();
    key.forEach(
        (name, value) ->
            encoded.put(
                name,
                switch (value.type()) {
                  case S -> Map.of("S", value.s());
                  case N -> Map.of("N", value.n());
                  case B ->
                      Map.of(
                          "B",
                          java.util.Base64.getEncoder().encodeToString(value.b().asByteArray()));
                  default ->
                      throw new IllegalArgumentException(
                          "a key attribute cannot be " + value.type());
                }));
    return encoded;
  }

  static Map<String, AttributeValue> decode(Map<String, Map<String, String>> encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return null;
    }
    Map<String, AttributeValue> key = new HashMap<>();
    encoded.forEach(
        (name, value) -> {
          if (value.containsKey("S")) {
            key.put(name, AttributeValue.fromS(value.get("S")));
          } else if (value.containsKey("N")) {
            key.put(name, AttributeValue.fromN(value.get("N")));
          } else {
            key.put(
                name,
                AttributeValue.fromB(
                    SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(value.get("B")))));
          }
        });
    return key;
  }
}
