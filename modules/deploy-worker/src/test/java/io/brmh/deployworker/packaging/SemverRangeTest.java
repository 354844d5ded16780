package io.brmh.deployworker.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Version ranges pick the versions npm would. */
class SemverRangeTest {
  private static final List<String> VERSIONS =
      List.of(
          "0.1.0",
          "0.1.5",
          "0.2.0",
          "1.0.0",
          "1.2.3",
          "1.2.9",
          "1.3.0",
          "1.9.9",
          "2.0.0-beta.1",
          "2.0.0",
          "2.4.1");

  @Test
  void rangesChooseAsNpmDoes() {
    assertThat(best("^1.2.0")).isEqualTo("1.9.9");
    assertThat(best("~1.2.0")).isEqualTo("1.2.9");
    assertThat(best("^0.1.0")).isEqualTo("0.1.5");
    assertThat(best("1.2.3")).isEqualTo("1.2.3");
    assertThat(best("1.x")).isEqualTo("1.9.9");
    assertThat(best("*")).isEqualTo("2.4.1");
    assertThat(best("latest")).isEqualTo("2.4.1");
    assertThat(best(">=1.0.0 <1.3.0")).isEqualTo("1.2.9");
    assertThat(best("1.0.0 - 1.3.0")).isEqualTo("1.3.0");
    assertThat(best("^0.2.0 || ~1.2.3")).isEqualTo("1.2.9");
    assertThat(best("<2")).isEqualTo("1.9.9");
    assertThat(best("2.0.0-beta.1")).isEqualTo("2.0.0-beta.1");
    assertThat(SemverRange.parse("^3.0.0").best(VERSIONS)).isEmpty();
  }

  private static String best(String range) {
    return SemverRange.parse(range).best(VERSIONS).orElseThrow();
  }
}
