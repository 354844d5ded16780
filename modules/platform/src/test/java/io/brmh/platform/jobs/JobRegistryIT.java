package io.brmh.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Job transitions only move forward, whoever tries, and ended jobs are kept for the retention only.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRegistryIT implements TestPropertyProvider {
  @Inject JobRegistry registry;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }

  @Test
  void jobMovesFromAcceptedThroughRunningToSucceededWithItsResult() {
    Job job = registry.accept("test", "test:subject", "owner-1");
    registry.start(job.id());
    registry.progress(job.id(), 5, 10L, "items");
    assertThat(registry.find(job.id()).orElseThrow().progress())
        .isEqualTo(new JobEvent.Progress(5, 10L, "items"));

    Job done = registry.succeed(job.id(), Map.of("totalRecords", 10)).orElseThrow();

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.endedAt()).isNotNull();
    assertThat(registry.find(job.id()).orElseThrow()).isEqualTo(done);
  }

  @Test
  void endedJobNeverChangesAgain() {
    Job job = registry.accept("test", "test:subject", "owner-1");
    registry.start(job.id());
    registry.fail(job.id(), new JobEvent.Problem("about:blank", "Broken", 500, "it broke"));

    assertThat(registry.succeed(job.id(), Map.of())).isEmpty();
    assertThat(registry.cancelled(job.id())).isEmpty();
    registry.progress(job.id(), 1, null, "items");
    Job stored = registry.find(job.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
    assertThat(stored.error().detail()).isEqualTo("it broke");
    assertThat(stored.progress()).isNull();
    assertThatThrownBy(() -> registry.requestCancel(job.id())).isInstanceOf(ProblemException.class);
  }

  @Test
  void jobCancelledBeforeAnyWorkerStartedItCannotBeStarted() {
    Job job = registry.accept("test", "test:subject", "owner-1");

    assertThat(registry.requestCancel(job.id()).orElseThrow().status())
        .isEqualTo(JobStatus.CANCELLED);
    assertThat(registry.start(job.id())).isEmpty();
    assertThat(registry.isCancelRequested(job.id())).isTrue();
  }

  @Test
  void listingByOwnerIsNewestFirstAndFiltered() {
    String owner = "owner-" + UUID.randomUUID();
    Job first = registry.accept("test.a", "test:one", owner);
    Job second = registry.accept("test.b", "test:two", owner);
    registry.accept("test.a", "test:three", "someone-else");

    assertThat(registry.list(new JobQuery(owner, null, null, null, 10, null)).items())
        .extracting(Job::id)
        .containsExactly(second.id(), first.id());
    assertThat(registry.list(new JobQuery(owner, "test.a", null, null, 10, null)).items())
        .extracting(Job::id)
        .containsExactly(first.id());
    assertThat(
            registry.list(new JobQuery(owner, null, JobStatus.SUCCEEDED, null, 10, null)).items())
        .isEmpty();
  }
}
