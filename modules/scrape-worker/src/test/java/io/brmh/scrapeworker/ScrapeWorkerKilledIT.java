package io.brmh.scrapeworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.unified.NamespaceEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A scrape worker killed with {@code kill -9} in the middle of a paginated run: a new worker gets
 * the command again (it was never committed), goes on from the job's last checkpoint rather than
 * the first page, and the job ends SUCCEEDED with the table holding each of the API's items once.
 * This test's own context runs no worker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScrapeWorkerKilledIT implements TestPropertyProvider {
  private static final Path WORKER_JAR = Path.of("target", "brmh-scrape-worker.jar");
  private static final int ITEMS = 400;
  private static final int PAGE = 10;

  private final FakeApi api = new FakeApi(ITEMS, PAGE).slow(100);

  @Inject Executions executions;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.scrape-worker.enabled", "false");
    return properties;
  }

  @AfterAll
  void stopApi() {
    api.close();
  }

  @Test
  void aRunKilledMidwayResumesFromItsCheckpointAndWritesEachItemOnce() throws Exception {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/page");
    Job job = executions.submit(executions.request(setup, method, "page", null, false));
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.scrape-worker.session-timeout", "6s");
    properties.put("brmh.jobs.progress-interval", "0ms");
    properties.put("brmh.outbound.allowed-hosts", api.hostAndPort());

    ServiceProcess first =
        ServiceProcess.start(WORKER_JAR, properties, Path.of("target", "scrape-worker-killed.log"));
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> progress(job) >= 150);
    } finally {
      first.kill();
    }
    assertThat(executions.imports.jobs.find(job.id()).orElseThrow().status())
        .isEqualTo(JobStatus.RUNNING);
    assertThat(executions.items(setup.table()).size()).isLessThan(ITEMS);
    try (ServiceProcess second =
        ServiceProcess.start(
            WORKER_JAR, properties, Path.of("target", "scrape-worker-resumed.log"))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> executions.imports.jobs.find(job.id()).orElseThrow().status().isTerminal());
    }

    Job ended = executions.imports.jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(executions.items(setup.table())).isEqualTo(Executions.expected(api));
    // Resumed from the checkpoint: at most the page in flight at the kill was asked for twice.
    assertThat(api.requests("/page")).isBetween(ITEMS / PAGE, ITEMS / PAGE + 2);
  }

  private long progress(Job job) {
    Job now = executions.imports.jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }
}
