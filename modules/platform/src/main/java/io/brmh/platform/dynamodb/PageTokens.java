package io.brmh.platform.dynamodb;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque page tokens: DynamoDB's last evaluated key (string and number attributes) as base64url
 * JSON. A token cannot widen a query: the query's own conditions still apply to the next page.
 */
@Singleton
public class PageTokens {
  private static final Argument<Map<String, Map<String, String>>> KEY =
      Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, String.class));
  private static final String STRING = "S";
  private static final String NUMBER = "N";

  private final JsonMapper json;

  PageTokens(JsonMapper json) {
    this.json = json;
  }

  /** The token for the page after {@code lastKey}, or {@code null} when there is none. */
  public String encode(Map<String, AttributeValue> lastKey) {
    if (lastKey == null || lastKey.isEmpty()) {
      return null;
    }
    Map<String, Map<String, String>> plain = new HashMap<>();
    lastKey.forEach(
        (name, value) ->
            plain.put(
                name, value.s() != null ? Map.of(STRING, value.s()) : Map.of(NUMBER, value.n())));
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(plain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The key to start after, or {@code null} for the first page.
   *
   * @param expectedAttributes the attributes the query's keys have; a token with others was not
   *     made by this query
   * @throws ProblemException 400 naming {@code pageToken} when the token was not made here
   */
  public Map<String, AttributeValue> decode(
      String token, java.util.Set<String> expectedAttributes) {
    if (token == null || token.isBlank()) {
      return null;
    }
    try {
      Map<String, Map<String, String>> plain =
          json.readValue(Base64.getUrlDecoder().decode(token), KEY);
      if (!plain.keySet().equals(expectedAttributes)) {
        throw invalid();
      }
      Map<String, AttributeValue> key = new HashMap<>();
      plain.forEach(
          (name, value) -> {
            if (value.containsKey(NUMBER)) {
              new java.math.BigDecimal(
                  value.get(NUMBER)); // rejects what DynamoDB would refuse with a 500-looking error
              key.put(name, AttributeValue.fromN(value.get(NUMBER)));
            } else {
              String text = java.util.Objects.requireNonNull(value.get(STRING));
              if (text.isEmpty()) {
                throw invalid(); // DynamoDB refuses empty key strings with a 500-looking error
              }
              key.put(name, AttributeValue.fromS(text));
            }
          });
      return key;
    } catch (IOException | RuntimeException e) {
      throw invalid();
    }
  }

  /**
   * Runs a read that starts at a decoded token: a key of the right names but the wrong types makes
   * DynamoDB refuse the read (400), which is the token's fault, not the server's.
   *
   * @throws ProblemException 400 naming {@code pageToken} when DynamoDB refuses the start key
   */
  public static <T> T startingAt(
      Map<String, AttributeValue> start, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException refused) {
      if (start != null && refused.statusCode() == 400) {
        throw invalid();
      }
      throw refused;
    }
  }

  public static ProblemException invalid() {
    return ProblemException.invalidField("pageToken", "is not a page token returned by this API");
  }
}
