package io.brmh.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.dynamodb.PageTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Everyone's open jobs are listed from the open-jobs index, whatever the number of ended jobs kept;
 * everyone's other listings fill their pages; a jobs table from before the index gets it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenJobsIT implements TestPropertyProvider {
  private static final int ENDED = 1_200;

  @Inject JobRegistry registry;
  @Inject JobStore store;
  @Inject JobItems items;
  @Inject PageTokens pageTokens;
  @Inject DynamoDbClient dynamo;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @Test
  void everyonesOpenJobsAreOnePageWhateverTheEndedJobsKept() {
    String type = "open-it-" + UUID.randomUUID();
    storeEnded(type, ENDED);
    Job older = registry.accept(type, "test:a", "owner-a");
    Job newer = registry.accept(type, "test:b", "owner-b");
    Job running = registry.accept(type, "test:c", "owner-c");
    registry.start(running.id());

    JobPage accepted = registry.list(openQuery(type, JobStatus.ACCEPTED, null));
    assertThat(accepted.items())
        .as("newest first, from the open jobs alone")
        .extracting(Job::id)
        .containsExactly(newer.id(), older.id());
    assertThat(accepted.nextPageToken()).isNull();
    assertThat(registry.list(openQuery(type, JobStatus.RUNNING, null)).items())
        .extracting(Job::id)
        .containsExactly(running.id());

    registry.succeed(running.id(), Map.of());
    registry.requestCancel(older.id());
    assertThat(registry.list(openQuery(type, JobStatus.RUNNING, null)).items())
        .as("an ended job leaves the index")
        .isEmpty();
    assertThat(registry.list(openQuery(type, JobStatus.ACCEPTED, null)).items())
        .extracting(Job::id)
        .containsExactly(newer.id());
  }

  @Test
  void everyonesEndedJobsComeInFullPagesThatCoverThemAllOnce() {
    String type = "ended-it-" + UUID.randomUUID();
    storeEnded(type, ENDED);
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      JobPage page = registry.list(new JobQuery(null, type, JobStatus.SUCCEEDED, null, 50, token));
      token = page.nextPageToken();
      if (token != null) {
        assertThat(page.items()).as("a page before the last is full").hasSize(50);
      }
      page.items().forEach(job -> assertThat(seen.add(job.id())).as("listed once").isTrue());
      pages++;
    } while (token != null);
    assertThat(seen).hasSize(ENDED);
    assertThat(pages).isBetween(ENDED / 50, ENDED / 50 + 1);
  }

  @Test
  void aJobsTableFromBeforeTheOpenIndexGetsItAndItsOpenJobsShowInIt() {
    String name = "jobs-before-index-" + UUID.randomUUID();
    JobsTable old =
        new JobsTable(
            new JobsConfiguration(
                name, Duration.ofHours(24), Duration.ZERO, "unused", Duration.ZERO, Duration.ZERO));
    CreateTableRequest current = old.definition();
    dynamo.createTable(
        current.toBuilder()
            .globalSecondaryIndexes(
                current.globalSecondaryIndexes().stream()
                    .filter(index -> !index.indexName().equals(JobsTable.OPEN_INDEX))
                    .toList())
            .attributeDefinitions(
                current.attributeDefinitions().stream()
                    .filter(attribute -> !attribute.attributeName().equals(JobsTable.OPEN))
                    .toList())
            .build());
    JobStore oldStore = new JobStore(dynamo, old, items, pageTokens);
    List<Job> open = new ArrayList<>();
    for (JobStatus status : List.of(JobStatus.ACCEPTED, JobStatus.RUNNING, JobStatus.SUCCEEDED)) {
      Job job = job("before", status);
      Map<String, AttributeValue> item = new HashMap<>(items.toItem(job));
      item.remove(JobsTable.OPEN); // as the version before the index wrote it
      dynamo.putItem(b -> b.tableName(name).item(item));
      if (!status.isTerminal()) {
        open.add(job);
      }
    }

    old.upgrade(dynamo);
    old.upgrade(dynamo); // a second start finds nothing to do

    for (Job job : open) {
      assertThat(oldStore.list(openQuery("before", job.status(), null)).items())
          .extracting(Job::id)
          .containsExactly(job.id());
    }
  }

  private void storeEnded(String type, int count) {
    for (int i = 0; i < count; i++) {
      store.create(job(type, JobStatus.SUCCEEDED));
    }
  }

  private static Job job(String type, JobStatus status) {
    Instant now = Instant.now();
    return new Job(
        UUID.randomUUID().toString(),
        type,
        "test:" + UUID.randomUUID(),
        "owner-x",
        status,
        null,
        null,
        null,
        false,
        now,
        now,
        status.isTerminal() ? now : null);
  }

  private static JobQuery openQuery(String type, JobStatus status, String token) {
    return new JobQuery(null, type, status, null, JobQuery.MAX_LIMIT, token);
  }
}
