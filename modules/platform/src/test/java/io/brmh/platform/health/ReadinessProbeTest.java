package io.brmh.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

  @Test
  void oneFailingDependencyMakesTheWholeReportDownWithItsReason() {
    DependencyCheck up = DependencyCheck.of("redis", () -> "1 key(s)");
    DependencyCheck down =
        DependencyCheck.of(
            "kafka",
            () -> {
              throw new IllegalStateException(
                  "outer", new java.net.ConnectException("Connection refused"));
            });

    Readiness readiness =
        new ReadinessProbe(List.of(up, down), Executors.newCachedThreadPool()).probe();

    assertThat(readiness.isUp()).isFalse();
    assertThat(readiness.dependencies().get("redis").isUp()).isTrue();
    assertThat(readiness.dependencies().get("kafka").detail()).isEqualTo("ConnectException");
  }

  @Test
  void dependencyThatDoesNotAnswerIsDownAfterTheTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    DependencyCheck hanging =
        DependencyCheck.of(
            "s3",
            () -> {
              never.await();
              return "never";
            });

    Readiness readiness =
        new ReadinessProbe(List.of(hanging), Executors.newCachedThreadPool()).probe();

    assertThat(readiness.dependencies().get("s3").status()).isEqualTo(DependencyHealth.DOWN);
    assertThat(readiness.dependencies().get("s3").detail()).startsWith("no answer within");
  }
}
