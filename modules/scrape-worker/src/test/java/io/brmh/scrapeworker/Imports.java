package io.brmh.scrapeworker;

import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.schemas.SchemaStore;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Starts import jobs as the gateway does, and reads what they made. */
@Singleton
class Imports {
  static final String OWNER = "importer-1";

  final JobCommands commands;
  final EventPublisher publisher;
  final JobRegistry jobs;
  final NamespaceStore namespaces;
  final NamespaceEntityStore entities;
  final SchemaStore schemas;

  Imports(
      JobCommands commands,
      EventPublisher publisher,
      JobRegistry jobs,
      NamespaceStore namespaces,
      NamespaceEntityStore entities,
      SchemaStore schemas) {
    this.commands = commands;
    this.publisher = publisher;
    this.jobs = jobs;
    this.namespaces = namespaces;
    this.entities = entities;
    this.schemas = schemas;
  }

  Namespace namespace() {
    return namespaces
        .create("import-" + UUID.randomUUID(), OWNER, "importer@example.com")
        .orElseThrow();
  }

  ScrapeImportRequested request(
      String jobId, Namespace namespace, URI source, boolean removeVanished) {
    return new ScrapeImportRequested(
        jobId,
        namespace == null ? null : namespace.id(),
        source.toString(),
        null,
        true,
        true,
        removeVanished,
        OWNER);
  }

  Job submit(ScrapeImportRequested request) {
    return commands.submit(
        request.jobId(),
        request.preview() ? "scrape.preview" : "scrape.import",
        "namespace:" + key(request),
        OWNER,
        id -> envelope(request));
  }

  /** Puts the command on Kafka again, as a redelivery does, for a job accepted before. */
  void publishAgain(ScrapeImportRequested request) {
    publisher.publish(envelope(request)).join();
  }

  private static Envelope<ScrapeImportRequested> envelope(ScrapeImportRequested request) {
    return new Envelope<>(
        EnvelopeAttributes.create(MessageType.SCRAPE_IMPORT_REQUESTED, "/brmh/test", key(request))
            .withJobId(request.jobId()),
        request);
  }

  private static String key(ScrapeImportRequested request) {
    return request.namespaceId() != null ? request.namespaceId() : request.jobId();
  }

  Job importInto(Namespace namespace, URI source, boolean removeVanished) {
    return awaitEnd(
        submit(request(UUID.randomUUID().toString(), namespace, source, removeVanished)));
  }

  Job awaitEnd(Job job) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    return jobs.find(job.id()).orElseThrow();
  }

  List<NamespaceEntity> all(EntityKind kind, String namespaceId) {
    List<NamespaceEntity> found = new ArrayList<>();
    String token = null;
    do {
      NamespaceEntityStore.EntityPage page = entities.list(kind, namespaceId, 100, token);
      found.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }

  List<NamespaceSchema> allSchemas(String namespaceId) {
    List<NamespaceSchema> found = new ArrayList<>();
    String token = null;
    do {
      SchemaStore.SchemaPage page = schemas.list(namespaceId, 100, token);
      found.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }
}
