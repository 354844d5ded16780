package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.health.Readiness;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.CacheMatchesTable;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A second cache worker (its own process) joins while loads run and later leaves: the loads whose
 * partitions move stop at a checkpoint and go on at their new owner (and back), no consumer dies,
 * every job ends succeeded and every cache equals its table. This test's context is the first
 * worker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkersJoinAndLeaveIT implements TestPropertyProvider {
  private static final int ITEMS = 12_000;
  private static final Path WORKER_JAR = Path.of("target", "brmh-cache-worker.jar");

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;

  @Inject
  @Client("/")
  HttpClient http;

  private CacheWorkerFixture fixture;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(workerProperties());
    return properties;
  }

  /** Pages of one item, so that the loads last while the second worker starts, joins and leaves. */
  private static Map<String, String> workerProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.page-size", "1");
    properties.put("brmh.cache-worker.session-timeout", "6s");
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }

  @BeforeAll
  void setUp() {
    fixture = new CacheWorkerFixture(jobs, publisher, configs);
  }

  @Test
  void loadsGoOnWhileASecondWorkerJoinsAndLeaves() throws Exception {
    List<TestTable> tables = new ArrayList<>();
    List<CacheKeys> caches = new ArrayList<>();
    List<Job> loads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestTable table = new TestTable(dynamo);
      table.putAll(ITEMS, 1);
      tables.add(table);
      caches.add(fixture.configure(table, i % 2 == 0 ? 1 : 40, 0));
    }
    Path log = Path.of("target", "worker-joined.log");

    // The second worker starts now and joins seconds later, while the loads run here.
    try (ServiceProcess second = ServiceProcess.start(WORKER_JAR, workerProperties(), log)) {
      for (int i = 0; i < tables.size(); i++) {
        loads.add(fixture.startBulkLoad(tables.get(i), caches.get(i), i % 2 == 0 ? 1 : 40, null));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> assignedMembers() == 2);
      List<JobStatus> atJoin = loads.stream().map(this::status).toList();
      assertThat(atJoin).as("the second worker joined while loads ran").contains(JobStatus.RUNNING);
      for (int i = 0; i < 40; i++) { // changes of one table while the partitions move
        String id = String.format("item-%05d", i);
        tables.get(0).put(TestTable.item(id, 9));
        fixture.publishChange(
            tables.get(0),
            TableItemChanged.Operation.MODIFY,
            TestTable.item(id, 1),
            TestTable.item(id, 9));
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> groupMembers() == 1);

    for (Job load : loads) {
      fixture.awaitSuccess(load, Duration.ofSeconds(180));
    }
    for (int i = 0; i < tables.size(); i++) {
      assertThat(CacheMatchesTable.differences(redis, dynamo, caches.get(i), i % 2 == 0 ? 1 : 40))
          .as(caches.get(i).toString())
          .isEmpty();
    }
    Readiness ready = http.toBlocking().retrieve("/health/ready", Readiness.class);
    assertThat(ready.dependencies().get("cache-worker").isUp()).isTrue();
    assertThat(Files.readString(log))
        .doesNotContain("The table-log consumer of brmh-cache-worker failed");
  }

  private JobStatus status(Job load) {
    return jobs.find(load.id()).orElseThrow().status();
  }

  /** Members of the group that hold partitions. */
  private static int assignedMembers() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedDevstack.endpoints().kafkaBootstrapServers()))) {
      return (int)
          admin
              .describeConsumerGroups(List.of(ConsumerGroups.CACHE_WORKER))
              .all()
              .get()
              .get(ConsumerGroups.CACHE_WORKER)
              .members()
              .stream()
              .filter(member -> !member.assignment().topicPartitions().isEmpty())
              .count();
    }
  }

  private static int groupMembers() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedDevstack.endpoints().kafkaBootstrapServers()))) {
      return admin
          .describeConsumerGroups(List.of(ConsumerGroups.CACHE_WORKER))
          .all()
          .get()
          .get(ConsumerGroups.CACHE_WORKER)
          .members()
          .size();
    }
  }
}
