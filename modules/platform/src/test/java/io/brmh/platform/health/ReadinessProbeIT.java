package io.brmh.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessProbeIT implements TestPropertyProvider {
  @Inject ReadinessProbe probe;

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @Test
  void everyBackingServiceIsUpOnTheDevstack() {
    Readiness readiness = probe.probe();

    assertThat(readiness.dependencies()).containsOnlyKeys("kafka", "redis", "dynamodb", "s3");
    assertThat(readiness.dependencies().values())
        .allSatisfy(health -> assertThat(health.isUp()).as(health.detail()).isTrue());
    assertThat(readiness.isUp()).isTrue();
  }
}
