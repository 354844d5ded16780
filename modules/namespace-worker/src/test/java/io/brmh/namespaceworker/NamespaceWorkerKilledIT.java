package io.brmh.namespaceworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.namespaces.Namespace;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A namespace worker killed with {@code kill -9} halfway through a duplicate or a delete: a new
 * worker gets the command again (it was never committed), and the job ends SUCCEEDED with the copy
 * whole or the namespace gone, checked thing by thing. This test's own context runs no worker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceWorkerKilledIT implements TestPropertyProvider {
  private static final Path WORKER_JAR = Path.of("target", "brmh-namespace-worker.jar");

  @Inject SeededNamespace seeds;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.namespace-worker.enabled", "false");
    return properties;
  }

  @Test
  void aDuplicateKilledWhileCopyingItemsResumesToAWholeCopy() throws Exception {
    SeededNamespace.Seed seed = seeds.seed(50, 50, 10, 10, 3, 1000);
    String copyName = seed.namespace().name() + "-k";
    Job job = seeds.duplicate(seed.namespace(), copyName, false);

    killWhenHalfwayThenResume(job, 600, "duplicate", copyName, Namespace.COPYING);

    Job ended = seeds.jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    Namespace copy = seeds.namespaces.findByName(copyName).orElseThrow();
    assertThat(copy.status()).isEqualTo(Namespace.READY);
    NamespaceCopyCheck.assertCopied(seeds, seed, copy, false);
  }

  @Test
  void aDeleteKilledHalfwayResumesAndLeavesNothingOfTheNamespace() throws Exception {
    SeededNamespace.Seed seed = seeds.seed(600, 50, 10, 10, 3, 100);
    Job job = seeds.delete(seed.namespace(), true);

    killWhenHalfwayThenResume(job, 100, "delete", seed.namespace().name(), Namespace.DELETING);
    Job ended = seeds.jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    NamespaceCopyCheck.assertGone(seeds, seed, true);
  }

  private void killWhenHalfwayThenResume(
      Job job, long stepsBeforeKill, String name, String markedNamespace, String status)
      throws Exception {
    Map<String, String> properties = workerProperties();
    ServiceProcess first =
        ServiceProcess.start(
            WORKER_JAR, properties, Path.of("target", "worker-" + name + "-killed.log"));
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> seeds.progress(job) >= stepsBeforeKill);
    } finally {
      first.kill();
    }
    assertThat(seeds.jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertHalfDone(job, markedNamespace, status);
    try (ServiceProcess second =
        ServiceProcess.start(
            WORKER_JAR, properties, Path.of("target", "worker-" + name + "-resumed.log"))) {
      seeds.awaitEnd(job, Duration.ofSeconds(120));
    }
  }

  /** The kill left real work half done: a namespace still marked by the job. */
  private void assertHalfDone(Job job, String markedNamespace, String status) {
    Namespace marked = seeds.namespaces.findByName(markedNamespace).orElseThrow();
    assertThat(marked.status()).isEqualTo(status);
    assertThat(marked.jobId()).isEqualTo(job.id());
  }

  private static Map<String, String> workerProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.namespace-worker.session-timeout", "6s");
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }
}
