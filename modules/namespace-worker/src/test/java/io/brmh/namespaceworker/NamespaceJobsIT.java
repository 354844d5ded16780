package io.brmh.namespaceworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheRetirement;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceIcons;
import io.brmh.platform.namespaces.NamespacesConfiguration;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import io.brmh.platform.search.IndexRetirement;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Namespace duplicate and delete jobs on a namespace of 50 methods, 50 schemas, 10 accounts, 10
 * webhooks and 3 tables of 1,000 items, run by the worker in this context and checked thing by
 * thing, item by item.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceJobsIT implements TestPropertyProvider {
  @Inject SeededNamespace seeds;
  @Inject NamespaceIcons icons;
  @Inject S3Client s3;
  @Inject NamespacesConfiguration namespacesConfig;
  @Inject IndexConfigStore indexConfigs;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.namespaces.create-icon-bucket", "true");
    return properties;
  }

  @Test
  void duplicateCopiesEverythingUnderNewIdsWithReferencesPointingAtTheCopies() {
    SeededNamespace.Seed seed = seeds.seed(50, 50, 10, 10, 3, 1000);
    String copyName = seed.namespace().name() + "-copy";
    Job job = seeds.duplicate(seed.namespace(), copyName, false);

    Job ended = seeds.awaitEnd(job, Duration.ofSeconds(120));

    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    Namespace copy = seeds.namespaces.findByName(copyName).orElseThrow();
    assertThat(copy.status()).isEqualTo(Namespace.READY);
    assertThat(ended.result()).containsEntry("namespaceId", copy.id());
    NamespaceCopyCheck.assertCopied(seeds, seed, copy, false);
    // The original is untouched.
    assertThat(seeds.all(EntityKind.METHOD, seed.namespace().id())).hasSize(50);
    assertThat(seeds.allSchemas(seed.namespace().id())).hasSize(50);
  }

  @Test
  void duplicateAskedForSecretsCopiesCredentialsSealedForTheCopy() {
    SeededNamespace.Seed seed = seeds.seed(2, 1, 2, 1, 0, 0);
    Job job = seeds.duplicate(seed.namespace(), seed.namespace().name() + "-s", true);

    Job ended = seeds.awaitEnd(job, Duration.ofSeconds(60));

    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    Namespace copy = seeds.namespaces.findByName(seed.namespace().name() + "-s").orElseThrow();
    CopyIds ids = new CopyIds(copy.id());
    for (NamespaceEntity original : seed.accounts()) {
      NamespaceEntity copied =
          seeds.entities.find(EntityKind.ACCOUNT, ids.of(original.id())).orElseThrow();
      String place = "namespace-account-header/Authorization";
      assertThat(copied.sealed()).containsKey(place);
      // Sealed again under the copy's id: the original's sealed text would not open there.
      assertThat(copied.sealed().get(place)).isNotEqualTo(original.sealed().get(place));
      assertThat(seeds.credentials.resealed(copied.id(), original.id(), copied.sealed()))
          .containsKey(place);
    }
  }

  @Test
  void deleteRemovesEverythingOfTheNamespaceAndFreesItsName() {
    SeededNamespace.Seed seed = seeds.seed(50, 50, 10, 10, 3, 1000);
    Namespace namespace = seed.namespace();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    icons.store(namespace.id(), png, "image/png");
    icons.store(namespace.id(), png, "image/png"); // one an earlier change left, say
    Instant now = Instant.now();
    IndexConfig index =
        new IndexConfig(
            UUID.randomUUID().toString(),
            namespace.id(),
            seed.tables().get(0),
            null,
            List.of(),
            IndexConfig.ACTIVE,
            now,
            now);
    indexConfigs.save(index);
    Job job = seeds.delete(namespace, true);

    Job ended = seeds.awaitEnd(job, Duration.ofSeconds(120));

    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    NamespaceCopyCheck.assertGone(seeds, seed, true);
    assertThat(
            s3.listObjectsV2(
                    b -> b.bucket(namespacesConfig.iconBucket()).prefix(namespace.id() + "/"))
                .contents())
        .as("its icons")
        .isEmpty();
    assertThat(((Map<?, ?>) ended.result().get("removed")).get("icons")).asString().isEqualTo("2");
    // Its cache configuration went, and a cache.clear job of its own clears the keys.
    assertThat(seeds.caches.findAll()).noneMatch(c -> c.project().equals(namespace.name()));
    @SuppressWarnings("unchecked")
    List<String> clearJobs = (List<String>) ended.result().get("cacheClearJobs");
    assertThat(clearJobs).hasSize(1);
    Job clear = seeds.jobs.find(clearJobs.get(0)).orElseThrow();
    assertThat(clear.type()).isEqualTo(CacheRetirement.CLEAR_JOB_TYPE);
    assertThat(clear.subject()).isEqualTo("cache:" + namespace.name() + ":" + seed.tables().get(0));
    // Its index configuration went too, and a search.drop job of its own drops the documents.
    assertThat(indexConfigs.find(index.id())).isEmpty();
    @SuppressWarnings("unchecked")
    List<String> dropJobs = (List<String>) ended.result().get("indexDropJobs");
    assertThat(dropJobs).hasSize(1);
    Job drop = seeds.jobs.find(dropJobs.get(0)).orElseThrow();
    assertThat(drop.type()).isEqualTo(IndexRetirement.DROP_JOB_TYPE);
    assertThat(drop.subject()).isEqualTo("index:" + index.id());
  }

  @Test
  void deleteWithoutTablesLeavesThemInDynamoDbBelongingToNoNamespace() {
    SeededNamespace.Seed seed = seeds.seed(1, 1, 1, 1, 1, 10);
    Job job = seeds.delete(seed.namespace(), false);

    Job ended = seeds.awaitEnd(job, Duration.ofSeconds(60));

    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    NamespaceCopyCheck.assertGone(seeds, seed, false);
    assertThat(seeds.items(seed.tables().get(0))).hasSize(10);
  }

  @Test
  void aCommandForANamespaceNotMarkedByItsJobFailsTheJobAndChangesNothing() {
    SeededNamespace.Seed seed = seeds.seed(3, 1, 1, 1, 0, 0);
    Job first = seeds.delete(seed.namespace(), false);
    seeds.awaitEnd(first, Duration.ofSeconds(60));
    SeededNamespace.Seed other = seeds.seed(3, 1, 1, 1, 0, 0);
    String stranger = java.util.UUID.randomUUID().toString();
    seeds.jobs.accept(stranger, "namespace.delete", "namespace:" + other.namespace().id(), "x");
    seeds
        .publisher
        .publish(
            new io.brmh.contracts.Envelope<>(
                io.brmh.contracts.EnvelopeAttributes.create(
                        io.brmh.contracts.MessageType.NAMESPACE_DELETE_REQUESTED,
                        "/brmh/test",
                        other.namespace().id())
                    .withJobId(stranger),
                new io.brmh.contracts.namespace.NamespaceDeleteRequested(
                    stranger, other.namespace().id(), true, "x")))
        .join();

    Job ended = seeds.awaitEnd(seeds.jobs.find(stranger).orElseThrow(), Duration.ofSeconds(60));

    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error().detail()).contains("not marked for deletion");
    assertThat(seeds.all(EntityKind.METHOD, other.namespace().id())).hasSize(3);
  }

  @Test
  void aJobCancelledBeforeItRanLeavesTheNamespaceUnmarkedAndWhole() {
    SeededNamespace.Seed seed = seeds.seed(3, 1, 1, 1, 0, 0);
    String jobId = java.util.UUID.randomUUID().toString();
    seeds.namespaces.markBusy(seed.namespace().id(), Namespace.DELETING, jobId);
    seeds.jobs.accept(jobId, "namespace.delete", "namespace:" + seed.namespace().id(), "x");
    seeds.jobs.requestCancel(jobId);
    seeds.publish(
        io.brmh.contracts.MessageType.NAMESPACE_DELETE_REQUESTED,
        seed.namespace().id(),
        jobId,
        new io.brmh.contracts.namespace.NamespaceDeleteRequested(
            jobId, seed.namespace().id(), true, "x"));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !seeds.namespaces.find(seed.namespace().id()).orElseThrow().isBusy());

    assertThat(seeds.all(EntityKind.METHOD, seed.namespace().id())).hasSize(3);
  }
}
