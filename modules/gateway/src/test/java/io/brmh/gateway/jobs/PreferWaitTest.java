package io.brmh.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PreferWaitTest {

  @Test
  void waitPreferenceIsReadAmongOthers() {
    assertThat(PreferWait.parse("wait=10")).hasValue(Duration.ofSeconds(10));
    assertThat(PreferWait.parse("respond-async, wait=5")).hasValue(Duration.ofSeconds(5));
    assertThat(PreferWait.parse("handling=lenient; WAIT = \"3\"")).hasValue(Duration.ofSeconds(3));
  }

  @Test
  void absentOrMalformedWaitMeansNoWaiting() {
    assertThat(PreferWait.parse(null)).isEmpty();
    assertThat(PreferWait.parse("respond-async")).isEmpty();
    assertThat(PreferWait.parse("wait=soon")).isEmpty();
    assertThat(PreferWait.parse("nowait=4")).isEmpty();
  }

  @Test
  void waitIsCappedSoThatNoClientHoldsAConnectionForEver() {
    assertThat(PreferWait.parse("wait=86400")).hasValue(PreferWait.MAX_WAIT);
  }
}
