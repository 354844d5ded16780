package io.brmh.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fast writer must produce exactly the text of the plain-value path, which the change path
 * uses.
 */
class ItemJsonTest {

  @Test
  void everyAttributeTypeIsWrittenAsThePlainValuePathWritesIt() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("zeta", AttributeValue.fromS("last \"quoted\"\n"));
    item.put("id", AttributeValue.fromS("a-1"));
    item.put("flag", AttributeValue.fromBool(false));
    item.put("nothing", AttributeValue.fromNul(true));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")));
    item.put("names", AttributeValue.fromSs(List.of("b", "a")));
    item.put("sizes", AttributeValue.fromNs(List.of("10", "2.5", "-1")));
    item.put(
        "blobs",
        AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("y"), SdkBytes.fromUtf8String("x"))));
    item.put(
        "nested",
        AttributeValue.fromM(
            Map.of(
                "b",
                AttributeValue.fromN("1"),
                "a",
                AttributeValue.fromL(
                    List.of(
                        AttributeValue.fromN("1.50"),
                        AttributeValue.fromNul(true),
                        AttributeValue.fromM(Map.of()))))));
    item.put("empty", AttributeValue.fromL(List.of()));

    assertThat(ItemJson.write(item)).isEqualTo(JsJson.write(PlainValues.fromItem(item)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "7",
        "-42",
        "007",
        "123456789012345678",
        "1234567890123456789012345",
        "1.50",
        "-12.5",
        "1e3",
        "1E-7",
        "0.000001",
        "100.000",
        "1e21",
        "-0.0",
        "0.1000000000000000055511151231257827",
        "17303261256590089746.68",
        "9.9999999999999999999999999999999999999E+125",
        "-1E-130"
      })
  void numbersAreWrittenAsThePlainValuePathWritesThem(String number) {
    Map<String, AttributeValue> item = Map.of("n", AttributeValue.fromN(number));

    assertThat(ItemJson.write(item)).isEqualTo(JsJson.write(PlainValues.fromItem(item)));
  }

  @Test
  void numbersKeepTheirExactDecimalValue() {
    Map<String, AttributeValue> item =
        Map.of(
            "n",
            AttributeValue.fromN("0.1000000000000000055511151231257827"),
            "s",
            AttributeValue.fromNs(List.of("17303261256590089746.68", "2.50")));

    assertThat(ItemJson.write(item))
        .isEqualTo(
            "{\"n\":0.1000000000000000055511151231257827,\"s\":[2.5,17303261256590089746.68]}");
  }

  @Test
  void numbersBeyondWhatDynamoDbHoldsAreRefusedBeforeAnyIntegerIsBuilt() {
    for (String number :
        List.of("1e999999999", "1E+126", "1E-131", "123456789012345678901234567890123456789")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlainValues.number(number))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(PlainValues.number("9.9999999999999999999999999999999999999E+125")).isNotNull();
    assertThat(PlainValues.number("1E-130")).isNotNull();
  }

  @Test
  void aChunkIsTheArrayOfItsItemTexts() {
    Map<String, AttributeValue> first = Map.of("id", AttributeValue.fromS("1"));
    Map<String, AttributeValue> second =
        Map.of("id", AttributeValue.fromS("2"), "n", AttributeValue.fromN("3"));

    assertThat(ItemJson.writeArray(List.of(ItemJson.write(first), ItemJson.write(second))))
        .isEqualTo(
            JsJson.write(List.of(PlainValues.fromItem(first), PlainValues.fromItem(second))));
    assertThat(ItemJson.writeArray(List.of())).isEqualTo("[]");
  }
}
