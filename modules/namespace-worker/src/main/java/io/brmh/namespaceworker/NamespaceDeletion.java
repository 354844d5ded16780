package io.brmh.namespaceworker;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.namespace.NamespaceDeleteRequested;
import io.brmh.platform.cache.CacheRetirement;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceIcons;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.search.IndexConfigStore;
import io.brmh.platform.search.IndexRetirement;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Removes a namespace the gateway marked {@value Namespace#DELETING} for this job: its cache
 * configurations (each cache cleared by a {@code cache.clear} job of its own), index configurations
 * (each index dropped by a {@code search.drop} job of its own), webhooks, methods, accounts,
 * schemas, tables (dropped when asked, else left to no namespace), member roles, icons, and last
 * the namespace with the claim on its name, so the name is free only once nothing of it is left.
 *
 * <p>Every step removes what is still there, so a run after a crash, a redelivery or a stop goes on
 * from where the last one got to; the namespace stays marked (nothing new lands in it) until the
 * end.
 */
@Singleton
class NamespaceDeletion {
  private static final int PAGE = 100;

  private final NamespaceStore namespaces;
  private final NamespaceMembers members;
  private final NamespaceEntityStore entities;
  private final SchemaStore schemas;
  private final NamespaceTables tables;
  private final CacheRetirement caches;
  private final IndexRetirement indexes;
  private final IndexConfigStore indexConfigs;
  private final JobRegistry jobs;
  private final NamespaceIcons icons;

  NamespaceDeletion(
      NamespaceStore namespaces,
      NamespaceMembers members,
      NamespaceEntityStore entities,
      SchemaStore schemas,
      NamespaceTables tables,
      CacheRetirement caches,
      IndexRetirement indexes,
      IndexConfigStore indexConfigs,
      JobRegistry jobs,
      NamespaceIcons icons) {
    this.icons = icons;
    this.namespaces = namespaces;
    this.members = members;
    this.entities = entities;
    this.schemas = schemas;
    this.tables = tables;
    this.caches = caches;
    this.indexes = indexes;
    this.indexConfigs = indexConfigs;
    this.jobs = jobs;
  }

  void run(NamespaceDeleteRequested request, BooleanSupplier stopRequested) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      // Cancelled before it ran (or ended): the namespace must not stay marked for it.
      namespaces.markReady(request.namespaceId(), request.jobId());
      return;
    }
    Optional<Namespace> found = namespaces.find(request.namespaceId());
    if (found.isEmpty()) {
      // An earlier run removed the namespace, its last step, and stopped before ending the job.
      jobs.succeed(request.jobId(), result(request, Map.of()));
      return;
    }
    Namespace namespace = found.get();
    if (!Namespace.DELETING.equals(namespace.status())
        || !request.jobId().equals(namespace.jobId())) {
      jobs.fail(
          request.jobId(),
          new JobEvent.Problem(
              "https://brmh.io/problems/namespace-not-marked",
              "Conflict",
              409,
              "Namespace " + namespace.id() + " is not marked for deletion by this job."));
      return;
    }
    JobSteps progress = new JobSteps(jobs, request.jobId(), stopRequested, false);
    List<String> clearJobs = removeCaches(namespace, request, progress);
    List<String> dropJobs =
        indexes.retire(
            indexConfigs.ofProject(namespace.id()),
            request.jobId(),
            request.requestedBy(),
            "/brmh/namespace-worker");
    progress.count("indexes", dropJobs.size());
    for (EntityKind kind : List.of(EntityKind.WEBHOOK, EntityKind.METHOD, EntityKind.ACCOUNT)) {
      removeEntities(kind, namespace.id(), progress);
    }
    removeSchemas(namespace.id(), progress);
    for (NamespaceTables.NamespaceTable table : tables.listOf(namespace.id())) {
      tables.remove(table, request.deleteTables());
      progress.count("tables", 1);
    }
    for (NamespaceMember member : members.members(namespace.id())) {
      members.remove(namespace.id(), member.userId());
      progress.count("members", 1);
    }
    progress.count("icons", icons.deleteAll(namespace.id()));
    namespaces.delete(namespace, request.jobId());
    Map<String, Object> result = result(request, progress.counts());
    result.put("cacheClearJobs", clearJobs);
    result.put("indexDropJobs", dropJobs);
    jobs.succeed(request.jobId(), result);
  }

  private static Map<String, Object> result(
      NamespaceDeleteRequested request, Map<String, Object> counts) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("namespaceId", request.namespaceId());
    result.put("tablesDropped", request.deleteTables());
    result.put("removed", counts);
    return result;
  }

  /** Each cache configuration of the namespace goes, its keys cleared by a job of its own. */
  private List<String> removeCaches(
      Namespace namespace, NamespaceDeleteRequested request, JobSteps progress) {
    List<String> clearJobs =
        caches.retire(
            config -> config.project().equals(namespace.name()),
            request.jobId(),
            request.requestedBy(),
            "/brmh/namespace-worker");
    progress.count("caches", clearJobs.size());
    return clearJobs;
  }

  private void removeEntities(EntityKind kind, String namespaceId, JobSteps progress) {
    String counted = kind.name().toLowerCase(java.util.Locale.ROOT) + "s";
    List<NamespaceEntity> page;
    do {
      page = entities.list(kind, namespaceId, PAGE, null).items();
      for (NamespaceEntity entity : page) {
        entities.delete(kind, entity.id());
        progress.count(counted, 1);
      }
    } while (!page.isEmpty());
  }

  private void removeSchemas(String namespaceId, JobSteps progress) {
    List<NamespaceSchema> page;
    do {
      page = schemas.list(namespaceId, PAGE, null).items();
      for (NamespaceSchema schema : page) {
        schemas.delete(schema.id());
        progress.count("schemas", 1);
      }
    } while (!page.isEmpty());
  }
}
