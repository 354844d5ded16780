package io.brmh.gateway.search;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import io.brmh.platform.search.IndexRetirement;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchFilter;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.brmh.platform.search.SearchResult;
import io.brmh.platform.unified.NamespaceTables;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Index configurations of namespace tables, their reindex jobs, and searches of them: editors of
 * the namespace configure and reindex, viewers search; a table of another namespace, or one in no
 * namespace (BRMH's own among them), has no index anyone reaches.
 */
@Singleton
class SearchService {
  static final String REINDEX_JOB = "search.reindex";
  private static final String SOURCE = "/brmh/gateway";

  private final IndexConfigStore configs;
  private final NamespaceAccess access;
  private final NamespaceTables tables;
  private final JobCommands commands;
  private final BeanProvider<SearchEngine> engine;
  private final IndexRetirement retirement;
  private final JobRegistry jobs;

  SearchService(
      IndexConfigStore configs,
      NamespaceAccess access,
      NamespaceTables tables,
      JobCommands commands,
      BeanProvider<SearchEngine> engine,
      IndexRetirement retirement,
      JobRegistry jobs) {
    this.retirement = retirement;
    this.jobs = jobs;
    this.configs = configs;
    this.access = access;
    this.tables = tables;
    this.commands = commands;
    this.engine = engine;
  }

  /** A made configuration and the job that builds its index. */
  record Made(IndexConfig config, Job job) {}

  Made create(SearchRequests.NewIndex request, Authentication caller) {
    requireTable(caller, request.project(), request.table(), NamespaceRole.EDITOR);
    indexOf(request.project(), request.table())
        .ifPresent(
            existing -> {
              throw new ProblemException(
                  HttpStatus.CONFLICT,
                  "index-exists",
                  "The table has an index already ("
                      + existing.id()
                      + "): POST /search/index builds it again.");
            });
    Instant now = Instant.now();
    IndexConfig config =
        new IndexConfig(
            UUID.randomUUID().toString(),
            request.project(),
            request.table(),
            request.description(),
            fields(request.customFields()),
            IndexConfig.ACTIVE,
            now,
            now);
    configs.save(config);
    return new Made(config, reindex(config, caller));
  }

  List<IndexConfig> list(String project, Authentication caller) {
    access.requireById(caller, project, NamespaceRole.VIEWER);
    return configs.ofProject(project);
  }

  IndexConfig get(String id, Authentication caller) {
    IndexConfig config = configs.find(id).orElseThrow(SearchService::noIndex);
    access.requireById(caller, config.project(), NamespaceRole.VIEWER);
    return config;
  }

  /**
   * Retires the index: its configuration now, its documents by the drop job returned.
   *
   * @throws ProblemException 404 when there is no such index, 403 for a non-editor
   */
  Job drop(String id, Authentication caller) {
    IndexConfig config = configs.find(id).orElseThrow(SearchService::noIndex);
    access.requireById(caller, config.project(), NamespaceRole.EDITOR);
    String dropJob =
        retirement
            .retire(List.of(config), UUID.randomUUID().toString(), caller.getName(), SOURCE)
            .get(0);
    return jobs.find(dropJob).orElseThrow();
  }

  /**
   * The original's reindex of a table: its configuration (made when it has none) built again, with
   * the fields given, as the original took them on every reindex.
   */
  Job reindex(SearchRequests.Reindex request, Authentication caller) {
    requireTable(caller, request.project(), request.table(), NamespaceRole.EDITOR);
    return indexOf(request.project(), request.table())
        .map(config -> reindex(withFields(config, request.customFields()), caller))
        .orElseGet(
            () ->
                create(
                        new SearchRequests.NewIndex(
                            request.project(), request.table(), null, request.customFields()),
                        caller)
                    .job());
  }

  /** The namespace's indexes (of one table, when named), with what each holds now. */
  SearchAnswers.Indices indices(SearchRequests.Indices request, Authentication caller) {
    access.requireById(caller, request.project(), NamespaceRole.VIEWER);
    Map<String, List<SearchAnswers.Built>> byTable = new TreeMap<>();
    int total = 0;
    for (IndexConfig config : configs.ofProject(request.project())) {
      boolean asked = request.table() == null || request.table().equals(config.table());
      // A table moved to another namespace since is none of this one's any more.
      boolean stillHere =
          tables
              .find(config.table())
              .filter(t -> request.project().equals(t.namespaceId()))
              .isPresent();
      if (!asked || !stillHere || !config.isActive()) {
        continue;
      }
      byTable.computeIfAbsent(config.table(), t -> new ArrayList<>()).add(built(config));
      total++;
    }
    return new SearchAnswers.Indices(
        total, byTable.isEmpty() ? Map.of() : Map.of(request.project(), byTable));
  }

  private SearchAnswers.Built built(IndexConfig config) {
    String name = null;
    Long entries = null;
    if (engine.isPresent()) {
      name = engine.get().aliased(config.alias()).orElse(null);
      entries = name == null ? 0L : engine.get().search(name, SearchRequest.browse(1)).total();
    }
    return new SearchAnswers.Built(
        config.id(), name, entries, config.status(), config.createdAt(), config.updatedAt());
  }

  /**
   * Whether this process's engine answers, and how many index generations it holds; a process
   * without an engine says so ({@code none}, not connected).
   *
   * @throws ProblemException 503 when the engine does not answer
   */
  SearchAnswers.Health health() {
    if (!engine.isPresent()) {
      return new SearchAnswers.Health("none", false, 0);
    }
    SearchEngine current = engine.get();
    try {
      return new SearchAnswers.Health(
          current.name(), true, current.indexes(IndexConfig.ALIAS_PREFIX).size());
    } catch (RuntimeException unreachable) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "search-unavailable",
          "The " + current.name() + " search engine does not answer.");
    }
  }

  SearchAnswers.Hits query(SearchRequests.Query request, Authentication caller) {
    requireTable(caller, request.project(), request.table(), NamespaceRole.VIEWER);
    IndexConfig config =
        indexOf(request.project(), request.table()).orElseThrow(SearchService::noIndex);
    requireEngine();
    if (engine.get().aliased(config.alias()).isEmpty()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "index-not-built",
          "The table's index is not built yet: its search.reindex job has not succeeded.");
    }
    try {
      SearchResult result = engine.get().search(config.alias(), searchRequest(request));
      return SearchAnswers.Hits.of(request, config.id(), result);
    } catch (SearchRequestException refused) {
      throw ProblemException.invalidField(refused.field(), refused.getMessage());
    }
  }

  private SearchEngine requireEngine() {
    if (!engine.isPresent()) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "search-unavailable",
          "This process has no search engine: run the index worker beside it (the embedded"
              + " engine) or configure brmh.search.engine=opensearch.");
    }
    return engine.get();
  }

  private Job reindex(IndexConfig config, Authentication caller) {
    String jobId = UUID.randomUUID().toString();
    return commands.submit(
        jobId,
        REINDEX_JOB,
        "index:" + config.id(),
        caller.getName(),
        id ->
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.INDEX_REINDEX_REQUESTED, SOURCE, config.table())
                    .withJobId(id),
                new IndexReindexRequested(id, config.id(), config.table(), caller.getName())));
  }

  private IndexConfig withFields(IndexConfig config, List<String> given) {
    if (given == null || fields(given).equals(config.customFields())) {
      return config;
    }
    IndexConfig changed =
        new IndexConfig(
            config.id(),
            config.project(),
            config.table(),
            config.description(),
            fields(given),
            config.status(),
            config.createdAt(),
            Instant.now());
    configs.save(changed);
    return changed;
  }

  private java.util.Optional<IndexConfig> indexOf(String project, String table) {
    return configs.ofTable(table).stream()
        .filter(config -> config.project().equals(project) && config.isActive())
        .findFirst();
  }

  /** The caller's role in the namespace, and the table being one of the namespace's. */
  private void requireTable(
      Authentication caller, String project, String table, NamespaceRole role) {
    access.requireById(caller, project, role);
    if (tables.find(table).filter(t -> project.equals(t.namespaceId())).isEmpty()) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND, "table-not-found", "The namespace has no table " + table + ".");
    }
  }

  private static ProblemException noIndex() {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "index-not-found", "No search index of that table in the namespace.");
  }

  private static List<String> fields(List<String> given) {
    return given == null ? List.of() : given.stream().distinct().toList();
  }

  private static SearchRequest searchRequest(SearchRequests.Query request) {
    List<SearchFilter> filters = new ArrayList<>();
    List<SearchRequests.Filter> given = request.filters() == null ? List.of() : request.filters();
    for (int i = 0; i < given.size(); i++) {
      filters.add(filter(given.get(i), "filters[" + i + "]"));
    }
    SearchRequest.Sort sort =
        request.sort() == null
            ? null
            : new SearchRequest.Sort(
                request.sort().field(), request.sort().order() == SearchRequests.Order.desc);
    return new SearchRequest(
        request.query() == null ? "" : request.query(),
        filters,
        request.facets() == null ? List.of() : request.facets(),
        sort,
        request.hitsPerPage() == null ? 20 : request.hitsPerPage(),
        request.cursor(),
        Boolean.TRUE.equals(request.highlight()));
  }

  private static SearchFilter filter(SearchRequests.Filter filter, String at) {
    return switch (filter.op()) {
      case eq -> {
        if (filter.value() == null) {
          throw ProblemException.invalidField(at + ".value", "an eq filter needs a value");
        }
        yield new SearchFilter.Equals(filter.field(), filter.value());
      }
      case in -> {
        if (filter.values() == null) {
          throw ProblemException.invalidField(at + ".values", "an in filter needs values");
        }
        yield new SearchFilter.In(filter.field(), List.copyOf(filter.values()));
      }
      case range -> {
        if (filter.min() == null && filter.max() == null) {
          throw ProblemException.invalidField(at + ".min", "a range filter needs min or max");
        }
        yield new SearchFilter.Range(filter.field(), filter.min(), filter.max());
      }
    };
  }
}
