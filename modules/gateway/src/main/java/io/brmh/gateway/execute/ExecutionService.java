package io.brmh.gateway.execute;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.execute.CallInputs;
import io.brmh.platform.execute.MethodCall;
import io.brmh.platform.execute.MethodCalls;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundRequest;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.brmh.platform.unified.NamespaceTables;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Executes namespace methods: one call answered at once, through the outbound client, with the
 * account's sealed credentials opened for it alone (never answered, logged or stored); or a
 * paginated run queued as a {@code scrape.execute} job of the scrape worker, whose command carries
 * no credential. Calling a method uses its account's credentials, so it takes an editor of the
 * namespace.
 */
@Singleton
class ExecutionService {
  static final String EXECUTE_JOB_TYPE = "scrape.execute";
  private static final String SOURCE = "/brmh/gateway";

  private final NamespaceEntityStore entities;
  private final NamespaceAccess access;
  private final NamespaceTables tables;
  private final MethodCalls calls;
  private final SafeHttpClient client;
  private final JobCommands commands;
  private final JsonMapper json;

  ExecutionService(
      NamespaceEntityStore entities,
      NamespaceAccess access,
      NamespaceTables tables,
      MethodCalls calls,
      SafeHttpClient client,
      JobCommands commands,
      JsonMapper json) {
    this.entities = entities;
    this.access = access;
    this.tables = tables;
    this.calls = calls;
    this.client = client;
    this.commands = commands;
    this.json = json;
  }

  /** The method and account of a request, both of one namespace the caller may edit. */
  private record Target(NamespaceEntity method, NamespaceEntity account) {}

  /**
   * @throws ProblemException 404 for a method that is none, 403 when the caller may not edit its
   *     namespace, 400 for an account of another namespace or a call that cannot be built, 422 for
   *     an address BRMH never calls, 502 when the API cannot be reached
   */
  Map<String, Object> execute(ExecuteRequests.Execute request, Authentication caller) {
    Target target = target(request.methodId(), request.accountId(), caller);
    MethodCall call =
        calls.build(
            target.method(),
            target.account(),
            new CallInputs(
                ExecuteRequests.map(request.pathParams()),
                ExecuteRequests.map(request.queryParams()),
                ExecuteRequests.map(request.headers()),
                request.body()));
    Map<String, Object> answer = answer(send(call.toRequest(), call.toString()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("methodId", target.method().id());
    metadata.put("accountId", target.account().id());
    metadata.put("namespaceId", target.method().namespaceId());
    metadata.put("request", call.toString());
    answer.put("metadata", metadata);
    return answer;
  }

  /**
   * The original's {@code single}: one call to an address with the caller's own headers.
   *
   * @throws ProblemException 400 without method and url, 422 for an address BRMH never calls, 502
   *     when it cannot be reached
   */
  Map<String, Object> executeAddress(ExecuteRequests.Legacy request) {
    if (request.url() == null) {
      throw ProblemException.invalidField("url", "is required for executeType single");
    }
    URI address;
    try {
      address =
          MethodCalls.withQuery(
              URI.create(request.url()), ExecuteRequests.map(request.queryParams()));
    } catch (IllegalArgumentException notAnAddress) {
      throw ProblemException.invalidField("url", "must be an absolute http(s) address");
    }
    String verb = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS").contains(verb)) {
      throw ProblemException.invalidField("method", "must be an HTTP verb");
    }
    byte[] body = null;
    if (request.body() != null && !verb.equals("GET") && !verb.equals("HEAD")) {
      body = bytes(request.body());
    }
    Map<String, String> headers = ExecuteRequests.map(request.headers());
    OutboundRequest outbound;
    try {
      outbound =
          new OutboundRequest(
              verb,
              address,
              headers,
              body,
              body == null ? null : "application/json",
              Set.of(),
              headers.keySet());
    } catch (IllegalArgumentException refused) {
      throw ProblemException.invalidField("headers", refused.getMessage());
    }
    return answer(
        send(outbound, verb + " " + address.getScheme() + "://" + address.getRawAuthority()));
  }

  /**
   * Queues a paginated run.
   *
   * @throws ProblemException 404, 403, 400 as {@link #execute}; 400 for a table of another
   *     namespace or a query parameter that is a credential; 503 when Kafka did not take it
   */
  Job paginated(ExecuteRequests.Paginated request, Authentication caller) {
    Target target = target(request.methodId(), request.accountId(), caller);
    String namespaceId = target.method().namespaceId();
    if (tables
        .find(request.tableName())
        .filter(t -> t.namespaceId().equals(namespaceId))
        .isEmpty()) {
      throw ProblemException.invalidField("tableName", "must be a table of the method's namespace");
    }
    Map<String, String> query = ExecuteRequests.map(request.queryParams());
    for (String name : query.keySet()) {
      if (AccountCredentials.looksLikeCredential(name)) {
        throw ProblemException.invalidField(
            "queryParams", name + " holds a credential: put it in the account, where it is sealed");
      }
    }
    ScrapeExecutionRequested.Pagination pagination =
        new ScrapeExecutionRequested.Pagination(
            request.paginationType() == null ? "auto" : request.paginationType().name(),
            request.nextPageIn() == null ? null : request.nextPageIn().name(),
            request.nextPageField(),
            request.tokenParam(),
            request.pageParam(),
            request.limitParam(),
            request.pageSize(),
            request.itemsField());
    String jobId = UUID.randomUUID().toString();
    ScrapeExecutionRequested command =
        new ScrapeExecutionRequested(
            jobId,
            namespaceId,
            target.method().id(),
            target.account().id(),
            request.tableName(),
            ExecuteRequests.map(request.pathParams()),
            query,
            pagination,
            request.idField(),
            request.maxPages(),
            Boolean.TRUE.equals(request.stopOnExisting()),
            caller.getName());
    return commands.submit(
        jobId,
        EXECUTE_JOB_TYPE,
        "namespace:" + namespaceId,
        caller.getName(),
        id ->
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.SCRAPE_EXECUTION_REQUESTED, SOURCE, namespaceId)
                    .withJobId(id),
                command));
  }

  private Target target(String methodId, String accountId, Authentication caller) {
    NamespaceEntity method =
        entities
            .find(EntityKind.METHOD, methodId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "method-not-found",
                        "There is no method " + methodId + "."));
    access.requireById(caller, method.namespaceId(), NamespaceRole.EDITOR);
    NamespaceEntity account =
        entities
            .find(EntityKind.ACCOUNT, accountId)
            .filter(found -> found.namespaceId().equals(method.namespaceId()))
            .orElseThrow(
                () ->
                    ProblemException.invalidField(
                        "accountId", "must be an account of the method's namespace"));
    return new Target(method, account);
  }

  private OutboundResponse send(OutboundRequest request, String shown) {
    try {
      return client.send(request);
    } catch (OutboundRefusedException refused) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY, "outbound-refused", shown + ": " + refused.getMessage());
    } catch (IOException unreachable) {
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "upstream-unreachable",
          shown + " could not be reached: " + unreachable.getMessage());
    }
  }

  /**
   * The original's answer: the upstream status and body (JSON when it is JSON, else text), with its
   * error shapes for upstream errors.
   */
  private static Map<String, Object> answer(OutboundResponse response) {
    Map<String, Object> answer = new LinkedHashMap<>();
    int status = response.status();
    answer.put("success", status < 400);
    answer.put("status", status);
    answer.put("contentType", response.contentType());
    Object data = data(response);
    if (status == 401 || status == 403) {
      answer.put("error", "Authentication Failed");
      answer.put(
          "suggestions",
          List.of(
              "Check the credentials in the account's headers (namespace-account-header).",
              "Check that the account's base URL is the API's."));
      answer.put("details", data);
    } else if (status >= 400) {
      answer.put("error", "API Request Failed");
      answer.put("details", data);
    } else {
      answer.put("data", data);
    }
    return answer;
  }

  @Nullable
  private static Object data(OutboundResponse response) {
    if (response.body().length == 0) {
      return null;
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    try {
      return ExactJson.readPlain(text);
    } catch (IOException | RuntimeException notJson) {
      return text;
    }
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
