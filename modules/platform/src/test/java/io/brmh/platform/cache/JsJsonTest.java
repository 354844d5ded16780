package io.brmh.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsJsonTest {

  @Test
  void numbersAreWrittenAsJavaScriptWritesThem() {
    assertThat(JsJson.formatDouble(10.5)).isEqualTo("10.5");
    assertThat(JsJson.formatDouble(12.0)).isEqualTo("12");
    assertThat(JsJson.formatDouble(-0.0)).isEqualTo("0");
    assertThat(JsJson.formatDouble(1e-7)).isEqualTo("1e-7");
    assertThat(JsJson.formatDouble(0.000001)).isEqualTo("0.000001");
    assertThat(JsJson.formatDouble(1e21)).isEqualTo("1e+21");
    assertThat(JsJson.formatDouble(1e20)).isEqualTo("100000000000000000000");
    assertThat(JsJson.formatDouble(1.5e300)).isEqualTo("1.5e+300");
    assertThat(JsJson.formatDouble(-123.456)).isEqualTo("-123.456");
    assertThat(JsJson.formatDouble(123456789.123456789)).isEqualTo("123456789.12345679");
  }

  @Test
  void integersOfAnySizeStayExact() {
    assertThat(JsJson.formatNumber(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(JsJson.formatNumber(new BigDecimal("42.000"))).isEqualTo("42");
    assertThat(JsJson.formatNumber(new BigDecimal("10.50"))).isEqualTo("10.5");
    assertThat(JsJson.formatNumber(7L)).isEqualTo("7");
  }

  @Test
  void decimalsKeepEveryDigitInJavaScriptsLayout() {
    assertThat(JsJson.formatNumber(new BigDecimal("0.1000000000000000055511151231257827")))
        .isEqualTo("0.1000000000000000055511151231257827");
    assertThat(JsJson.formatNumber(new BigDecimal("17303261256590089746.68")))
        .isEqualTo("17303261256590089746.68");
    assertThat(JsJson.formatNumber(new BigDecimal("-1.2345678901234567890123456789012345678E-125")))
        .isEqualTo("-1.2345678901234567890123456789012345678e-125");
    assertThat(JsJson.formatNumber(new BigDecimal("1.5E+30")))
        .isEqualTo("1500000000000000000000000000000");
    assertThat(JsJson.formatNumber(new BigDecimal("123456789012345678901234.5")))
        .isEqualTo("1.234567890123456789012345e+23");
    assertThat(JsJson.formatNumber(new BigDecimal("0.0000001"))).isEqualTo("1e-7");
    assertThat(JsJson.formatNumber(new BigDecimal("0.000001"))).isEqualTo("0.000001");
    assertThat(JsJson.formatNumber(new BigDecimal("0.000"))).isEqualTo("0");
  }

  @Test
  void aDecimalThatIsTheShortestFormOfADoubleIsWrittenAsTheOriginalWroteThatDouble() {
    for (double value :
        new double[] {10.5, -123.456, 1e-7, 0.000001, 1.5e-300, 123456789.12345679, 3.14159}) {
      assertThat(JsJson.formatNumber(new BigDecimal(Double.toString(value))))
          .isEqualTo(JsJson.formatDouble(value));
    }
  }

  @Test
  void theSameValueAlwaysHasTheSameText() {
    assertThat(JsJson.formatNumber(new BigDecimal("1.50")))
        .isEqualTo(JsJson.formatNumber(new BigDecimal("15E-1")))
        .isEqualTo("1.5");
    assertThat(JsJson.formatNumber(PlainValues.number("2.5000")))
        .isEqualTo(JsJson.formatNumber(PlainValues.number("25e-1")));
  }

  @Test
  void objectsAreCompactWithSortedKeysAndMinimalEscapes() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", "Ada \"the\" first\n/é😀");
    item.put("id", "a-1");
    item.put("tags", List.of("x", 2, true));
    item.put("nothing", null);
    item.put("nested", Map.of("b", 1, "a", Arrays.asList(1.5, null)));

    assertThat(JsJson.write(item))
        .isEqualTo(
            "{\"id\":\"a-1\",\"name\":\"Ada \\\"the\\\" first\\n/é😀\",\"nested\":{\"a\":[1.5,null],\"b\":1},\"nothing\":null,\"tags\":[\"x\",2,true]}");
  }

  @Test
  void controlCharactersAndLoneSurrogatesAreEscaped() {
    assertThat(JsJson.write("a\u0001b\ud800")).isEqualTo("\"a\\u0001b\\ud800\"");
  }

  @Test
  void escapesAnywhereInALongStringKeepTheTextAroundThem() {
    String middle = "x".repeat(300);
    assertThat(JsJson.write("\t" + middle + "\"" + middle + "\\"))
        .isEqualTo("\"\\t" + middle + "\\\"" + middle + "\\\\\"");
    assertThat(JsJson.write("😀" + middle)).isEqualTo("\"😀" + middle + "\"");
  }
}
