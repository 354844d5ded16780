package io.brmh.gateway.scrape;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.gateway.jobs.JobAccess;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.gateway.namespaces.NamespaceService;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts the scrape worker's import and preview jobs: resolves the service a request names to the
 * address of its description, checks the caller may write to the namespace (or finds or makes the
 * one named after the service), and puts the command on {@code brmh.scrape-commands} keyed by the
 * namespace. Whether the address may be fetched is the worker's outbound client's to say, before it
 * sends a byte; the job fails with the reason.
 */
@Singleton
class ScrapeJobs {
  static final String IMPORT_JOB_TYPE = "scrape.import";
  static final String PREVIEW_JOB_TYPE = "scrape.preview";
  private static final String SOURCE = "/brmh/gateway";

  private final List<SupportedService> services;
  private final JobCommands commands;
  private final NamespaceAccess access;
  private final NamespaceStore namespaces;
  private final NamespaceMembers members;
  private final NamespaceService namespaceService;

  ScrapeJobs(
      List<SupportedService> services,
      JobCommands commands,
      NamespaceAccess access,
      NamespaceStore namespaces,
      NamespaceMembers members,
      NamespaceService namespaceService) {
    this.services = services;
    this.commands = commands;
    this.access = access;
    this.namespaces = namespaces;
    this.members = members;
    this.namespaceService = namespaceService;
  }

  List<SupportedService> services() {
    return services;
  }

  /** What a request's {@code serviceName} points at. */
  private record Source(URI url, @Nullable SupportedService service) {
    String serviceKey() {
      return service == null ? null : service.key();
    }
  }

  /**
   * @throws ProblemException 400 when serviceName is neither a supported service nor an http(s)
   *     address; 503 when Kafka did not take the command
   */
  Job preview(ScrapeRequests.Preview request, Authentication caller) {
    Source source = source(request.serviceName());
    String jobId = UUID.randomUUID().toString();
    return submit(
        jobId,
        PREVIEW_JOB_TYPE,
        "scrape:preview",
        command(jobId, null, source, options(request.options()), caller));
  }

  /**
   * Imports into the namespace named, or, without one, into the namespace named after the service.
   *
   * @throws ProblemException 400 for the serviceName, 403 when the caller may not edit the
   *     namespace, 409 while a job deletes or copies into it, 503 when Kafka did not take it
   */
  Job save(ScrapeRequests.Save request, Authentication caller) {
    Source source = source(request.serviceName());
    String namespaceId;
    if (request.namespaceId() != null) {
      access.requireById(caller, request.namespaceId(), NamespaceRole.EDITOR);
      namespaceId = request.namespaceId();
    } else {
      namespaceId = namespaceFor(source, caller).id();
    }
    String jobId = UUID.randomUUID().toString();
    return submit(
        jobId,
        IMPORT_JOB_TYPE,
        "namespace:" + namespaceId,
        command(jobId, namespaceId, source, options(request.options()), caller));
  }

  private Job submit(String jobId, String type, String subject, ScrapeImportRequested command) {
    String key = command.namespaceId() != null ? command.namespaceId() : jobId;
    return commands.submit(
        jobId,
        type,
        subject,
        command.requestedBy(),
        id ->
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.SCRAPE_IMPORT_REQUESTED, SOURCE, key)
                    .withJobId(id),
                command));
  }

  private static ScrapeImportRequested command(
      String jobId,
      @Nullable String namespaceId,
      Source source,
      ScrapeRequests.Options options,
      Authentication caller) {
    return new ScrapeImportRequested(
        jobId,
        namespaceId,
        source.url().toString(),
        source.serviceKey(),
        !Boolean.FALSE.equals(options.scrapeSchemas()),
        !Boolean.FALSE.equals(options.scrapeApis()),
        Boolean.TRUE.equals(options.removeVanished()),
        caller.getName());
  }

  private static ScrapeRequests.Options options(@Nullable ScrapeRequests.Options options) {
    return options == null ? ScrapeRequests.Options.DEFAULT : options;
  }

  /**
   * The namespace named after the service ({@code petstore}, or the first label of the address's
   * host) when the caller may edit it; otherwise a new one the caller owns, under that name or,
   * when it is taken, that name with a suffix of its own.
   */
  private Namespace namespaceFor(Source source, Authentication caller) {
    String name = namespaceName(source);
    Optional<Namespace> named = namespaces.findByName(name);
    if (named.isPresent() && mayEdit(named.get(), caller)) {
      access.requireWritable(named.get().id());
      return named.get();
    }
    String chosen =
        named.isEmpty() ? name : name + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> tags =
        source.service() == null
            ? List.of("web-scraped", "api")
            : List.of(source.service().key(), "web-scraped", "api");
    return namespaceService.create(
        new NamespaceFields(
            chosen,
            source.url().toString(),
            tags,
            "Imported from " + source.url() + " by the scrape worker."),
        caller);
  }

  private boolean mayEdit(Namespace namespace, Authentication caller) {
    return JobAccess.isAdmin(caller)
        || members
            .roleOf(namespace.id(), caller.getName())
            .map(role -> role.includes(NamespaceRole.EDITOR))
            .orElse(false);
  }

  private static String namespaceName(Source source) {
    if (source.service() != null) {
      return source.service().key();
    }
    String host = source.url().getHost().toLowerCase(Locale.ROOT);
    String[] labels = host.split("\\.");
    // api.example.com and docs.example.com are example's: skip the usual first labels
    String label =
        labels.length > 2
                && List.of("api", "www", "docs", "developer", "developers").contains(labels[0])
            ? labels[1]
            : labels[0];
    String cleaned = label.replaceAll("[^A-Za-z0-9_.@-]", "-");
    return cleaned.isEmpty() ? "imported" : cleaned;
  }

  /**
   * @throws ProblemException 400 naming serviceName
   */
  private Source source(String serviceName) {
    for (SupportedService service : services) {
      if (service.key().equalsIgnoreCase(serviceName)) {
        return new Source(URI.create(service.descriptionUrl()), service);
      }
    }
    URI url;
    try {
      url = new URI(serviceName);
    } catch (URISyntaxException e) {
      throw notASource();
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw notASource();
    }
    if (url.getRawUserInfo() != null) {
      throw ProblemException.invalidField(
          "serviceName", "must not carry credentials: put them in an account of the namespace");
    }
    return new Source(url, null);
  }

  private static ProblemException notASource() {
    return ProblemException.invalidField(
        "serviceName",
        "must be a key of GET /web-scraping/supported-services or an http(s) address");
  }
}
