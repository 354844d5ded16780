package io.brmh.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactJsonTest {

  @Test
  void fractionsKeepEveryDigit() throws IOException {
    Object value =
        ExactJson.readPlain(
            "{\"a\":0.1000000000000000055511151231257827,\"b\":[1.5E-125,-17303261256590089746.68]}");

    assertThat(value)
        .isEqualTo(
            Map.of(
                "a",
                new BigDecimal("0.1000000000000000055511151231257827"),
                "b",
                List.of(new BigDecimal("1.5E-125"), new BigDecimal("-17303261256590089746.68"))));
  }

  @Test
  void integersBeyondALongStayExact() throws IOException {
    assertThat(ExactJson.readPlain("[9007199254740993, 123456789012345678901234567890, -5]"))
        .isEqualTo(
            List.of(9007199254740993L, new BigInteger("123456789012345678901234567890"), -5));
  }

  @Test
  void theTreeHoldsTheSameExactNumbers() throws IOException {
    JsonNode tree =
        ExactJson.readTree(
            "{\"n\":{\"m\":[0.30000000000000000001]}}".getBytes(StandardCharsets.UTF_8));

    assertThat(tree.get("n").get("m").get(0).getNumberValue())
        .isEqualTo(new BigDecimal("0.30000000000000000001"));
  }

  @Test
  void trailingTextAndDuplicateNamesAreRefused() {
    assertThatThrownBy(() -> ExactJson.readPlain("{\"name\":\"g1\"}xyz"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ExactJson.readPlain("{\"name\":\"a\",\"name\":\"b\"}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ExactJson.readTree(new byte[0])).isInstanceOf(IOException.class);
  }
}
