package io.brmh.indexworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexRetirement;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The index worker in this context, on the devstack's Kafka and DynamoDB and an embedded engine:
 * reindexes build a new generation from the whole table and move the alias; changes published to
 * the table log after, and during, a reindex reach the index until it equals the table value by
 * value; a cancelled reindex leaves the index as it was.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexWorkerIT implements TestPropertyProvider {
  @Inject IndexedTables tables;
  @Inject SearchEngine engine;
  @Inject IndexRetirement retirement;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.index-worker.page-size", "50");
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }

  @Test
  void aReindexBuildsTheWholeTableAndChangesAfterItKeepTheIndexEqualToTheTable() {
    IndexConfig config = tables.table(230);

    Job job = tables.awaitEnd(tables.reindex(config));

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.result()).containsEntry("documents", 230);
    assertThat(IndexedTables.indexed(engine, config)).isEqualTo(tables.expected(config));
    assertThat(
            engine
                .get(engine.aliased(config.alias()).orElseThrow(), "item-3")
                .orElseThrow()
                .fields())
        .doesNotContainKey("notIndexed");

    for (int i = 200; i < 260; i++) {
      tables.change(config.table(), IndexedTables.item(i, "Renamed " + i));
    }
    for (int i = 0; i < 30; i++) {
      tables.remove(config.table(), "item-" + i);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IndexedTables.indexed(engine, config).equals(tables.expected(config)));
    assertThat(IndexedTables.indexed(engine, config)).hasSize(230);
  }

  @Test
  void aReindexWhileChangesFlowEndsEqualToTheTableOnANewGeneration() throws Exception {
    IndexConfig config = tables.table(400);
    tables.awaitEnd(tables.reindex(config));
    String before = engine.aliased(config.alias()).orElseThrow();

    Job again = tables.reindex(config);
    for (int i = 0; i < 300; i++) {
      if (i % 3 == 0) {
        tables.remove(config.table(), "item-" + i);
      } else {
        tables.change(config.table(), IndexedTables.item(i + 1000, "Added while reindexing " + i));
      }
    }

    assertThat(tables.awaitEnd(again).status()).isEqualTo(JobStatus.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IndexedTables.indexed(engine, config).equals(tables.expected(config)));
    assertThat(engine.aliased(config.alias()))
        .isPresent()
        .isNotEqualTo(java.util.Optional.of(before));
    assertThat(engine.exists(before)).isFalse();
    assertThat(engine.indexes(config.alias() + "-"))
        .containsExactly(engine.aliased(config.alias()).orElseThrow());
  }

  @Test
  void aCancelledReindexLeavesTheIndexAsItWas() {
    IndexConfig config = tables.table(120);
    tables.awaitEnd(tables.reindex(config));
    String before = engine.aliased(config.alias()).orElseThrow();
    for (int i = 120; i < 3000; i++) {
      tables.put(config.table(), IndexedTables.item(i, "More " + i));
    }

    Job again = tables.reindex(config);
    await().atMost(Duration.ofSeconds(30)).until(() -> progress(again) >= 100);
    tables.jobs.requestCancel(again.id());

    assertThat(tables.awaitEnd(again).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(engine.aliased(config.alias())).contains(before);
    assertThat(engine.search(config.alias(), SearchRequest.browse(1)).total()).isEqualTo(120);
    assertThat(engine.exists(config.generation(again.id()))).isFalse();
  }

  @Test
  void aRetiredIndexLosesEveryGenerationAndLaterChangesMakeNoneAgain() {
    IndexConfig config = tables.table(40);
    tables.awaitEnd(tables.reindex(config));

    String dropId =
        retirement
            .retire(List.of(config), UUID.randomUUID().toString(), "indexer-1", "/brmh/test")
            .get(0);
    Job drop = tables.awaitEnd(tables.jobs.find(dropId).orElseThrow());

    assertThat(drop.status()).as(String.valueOf(drop.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(drop.result()).containsEntry("generationsDropped", 1);
    assertThat(tables.configs.find(config.id())).isEmpty();
    assertThat(engine.aliased(config.alias())).isEmpty();
    assertThat(engine.indexes(config.alias() + "-")).isEmpty();
    // A change, then a reindex behind it on the table's partition: once the reindex ended (it
    // finds no configuration), the change was read, and it made no index again.
    tables.change(config.table(), IndexedTables.item(7, "After the drop"));
    Job late = tables.awaitEnd(tables.reindex(config));
    assertThat(late.status()).isEqualTo(JobStatus.FAILED);
    assertThat(engine.indexes(config.alias() + "-")).isEmpty();
    assertThat(engine.aliased(config.alias())).isEmpty();
  }

  private long progress(Job job) {
    Job now = tables.jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }
}
