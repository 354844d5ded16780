package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.IfMatch;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of a namespace's methods, accounts and webhooks: what their data holds, that an update
 * replaces the version it names (as the original's {@code PUT} replaced the whole item, but never
 * unseen), that an account's credentials are sealed and shown masked, and what a copy takes along.
 * Authorization by the namespace's roles happens before, in the controllers.
 */
@Singleton
class NamespaceEntityService {
  /** Where an import made a method from: written by the scrape worker, never by a client. */
  private static final String PROVENANCE = "provenance";

  private final NamespaceEntityStore store;
  private final AccountSecrets secrets;
  private final AccountCredentials credentials;
  private final JsonMapper json;

  NamespaceEntityService(
      NamespaceEntityStore store,
      AccountSecrets secrets,
      AccountCredentials credentials,
      JsonMapper json) {
    this.credentials = credentials;
    this.store = store;
    this.secrets = secrets;
    this.json = json;
  }

  NamespaceEntity createMethod(String namespaceId, UnifiedRequests.MethodFields fields) {
    return create(EntityKind.METHOD, namespaceId, id -> methodContents(fields));
  }

  NamespaceEntity createAccount(String namespaceId, UnifiedRequests.AccountFields fields) {
    return create(
        EntityKind.ACCOUNT, namespaceId, id -> accountContents(id, fields, Map.of(), Map.of()));
  }

  NamespaceEntity createWebhook(String namespaceId, UnifiedRequests.WebhookFields fields) {
    return create(
        EntityKind.WEBHOOK,
        namespaceId,
        id -> new Contents(webhookData(namespaceId, fields), Map.of()));
  }

  NamespaceEntity replaceWebhook(
      NamespaceEntity current, @Nullable String ifMatch, UnifiedRequests.WebhookFields fields) {
    return replace(
        current, ifMatch, new Contents(webhookData(current.namespaceId(), fields), Map.of()));
  }

  /**
   * A page of the namespace's webhooks whose {@code field} ({@code tableName}, {@code status},
   * {@code method-id}) is {@code value}, or all of them when {@code field} is null.
   */
  NamespaceEntityStore.EntityPage webhooks(
      String namespaceId,
      int limit,
      @Nullable String pageToken,
      @Nullable String field,
      @Nullable String value) {
    return store.list(EntityKind.WEBHOOK, namespaceId, limit, pageToken, field, value);
  }

  /**
   * @throws ProblemException 400 when the method or account named is none of the namespace's
   */
  private Map<String, Object> webhookData(
      String namespaceId, UnifiedRequests.WebhookFields fields) {
    requireInNamespace(EntityKind.METHOD, fields.methodId(), namespaceId, "method-id");
    requireInNamespace(EntityKind.ACCOUNT, fields.accountId(), namespaceId, "account-id");
    Map<String, Object> data = plain(fields);
    data.putIfAbsent("status", UnifiedRequests.WebhookStatus.active.name());
    return data;
  }

  /**
   * Replaces a method's fields; an imported method keeps its provenance, by which the next import
   * of its description finds it (and leaves the user's edit alone while the description is
   * unchanged).
   */
  NamespaceEntity replaceMethod(
      NamespaceEntity current, @Nullable String ifMatch, UnifiedRequests.MethodFields fields) {
    Contents contents = methodContents(fields);
    Object provenance = current.data().get(PROVENANCE);
    if (provenance != null) {
      contents.data().put(PROVENANCE, provenance);
    }
    return replace(current, ifMatch, contents);
  }

  /**
   * Replaces an account's fields. Its credentials stay (sent back masked) only while its base URL
   * keeps its origin: credentials given for one API are never sent to another, so a new origin
   * needs them entered again.
   */
  NamespaceEntity replaceAccount(
      NamespaceEntity current, @Nullable String ifMatch, UnifiedRequests.AccountFields fields) {
    Object before = current.data().get("namespace-account-url-override");
    String after = origin(fields.urlOverride());
    // Without a base URL nothing is called with them; another address is another API.
    boolean sameOrigin =
        after.isEmpty() || after.equals(origin(before == null ? null : String.valueOf(before)));
    return replace(
        current,
        ifMatch,
        accountContents(
            current.id(), fields, sameOrigin ? current.sealed() : Map.of(), current.data()));
  }

  /** {@code scheme://host:port} of a base URL, lower case, or "" for none. */
  private static String origin(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return "";
    }
    try {
      java.net.URI uri = java.net.URI.create(url.strip());
      return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort())
          .toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException notAnAddress) {
      return url.strip();
    }
  }

  /**
   * @throws ProblemException 404 when there is none of this kind
   */
  NamespaceEntity get(EntityKind kind, String id) {
    return store.find(kind, id).orElseThrow(() -> notFound(kind, id));
  }

  NamespaceEntityStore.EntityPage list(
      EntityKind kind, String namespaceId, int limit, @Nullable String pageToken) {
    return store.list(kind, namespaceId, limit, pageToken);
  }

  /**
   * @throws ProblemException 404 when there is none of this kind
   */
  void delete(EntityKind kind, String id) {
    if (!store.delete(kind, id)) {
      throw notFound(kind, id);
    }
  }

  /**
   * Records in an account's {@code tableName} map that its method {@code methodName} writes to
   * {@code table}, as the original's {@code schema/table} did; a change made meanwhile is read
   * again, not overwritten.
   */
  NamespaceEntity linkTable(NamespaceEntity account, String methodName, String table) {
    NamespaceEntity current = account;
    for (int attempt = 0; attempt < 5; attempt++) {
      Map<String, Object> data = new LinkedHashMap<>(current.data());
      Map<String, Object> tables = new LinkedHashMap<>();
      if (data.get("tableName") instanceof Map<?, ?> linked) {
        linked.forEach((method, name) -> tables.put(String.valueOf(method), name));
      }
      tables.put(methodName, table);
      data.put("tableName", tables);
      NamespaceEntity next =
          new NamespaceEntity(
              current.id(),
              current.kind(),
              current.namespaceId(),
              data,
              current.sealed(),
              current.version() + 1,
              current.createdAt(),
              Instant.now());
      if (store.replace(next, current.version())) {
        return next;
      }
      current = get(EntityKind.ACCOUNT, account.id());
    }
    throw stale(EntityKind.ACCOUNT, account.id());
  }

  /**
   * A copy under a new id, named {@code newName} or the original's name with " (copy)"; an
   * account's credentials come along only when {@code withSecrets}, else their values are empty.
   */
  NamespaceEntity duplicate(
      NamespaceEntity original, @Nullable String newName, boolean withSecrets) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> data = new LinkedHashMap<>(original.data());
    String name = String.valueOf(data.get(original.kind().nameField()));
    data.put(original.kind().nameField(), newName != null ? newName : name + " (copy)");
    data.put("duplicated-from", original.id());
    Map<String, String> sealed = Map.of();
    if (withSecrets) {
      sealed = credentials.resealed(original.id(), id, original.sealed());
    } else {
      data.replaceAll((field, value) -> AccountCredentials.withoutSecretValues(value));
    }
    Instant now = Instant.now();
    NamespaceEntity copy =
        new NamespaceEntity(id, original.kind(), original.namespaceId(), data, sealed, 1, now, now);
    store.create(copy);
    return copy;
  }

  /** The data and sealed values of an item, computed from its new id. */
  private record Contents(Map<String, Object> data, Map<String, String> sealed) {}

  /**
   * A method's data. Its headers and query parameters are shown to every viewer, so a credential
   * there is refused: it belongs in an account, where it is sealed.
   *
   * @throws ProblemException 400 naming each entry that is, or looks like, a credential
   */
  private Contents methodContents(UnifiedRequests.MethodFields fields) {
    List<io.brmh.platform.problem.Problem.FieldError> faults = new ArrayList<>();
    refuseCredentials("namespace-method-header", fields.headers(), faults);
    refuseCredentials("namespace-method-queryParams", fields.queryParams(), faults);
    if (!faults.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", faults);
    }
    return new Contents(plain(fields), Map.of());
  }

  private static void refuseCredentials(
      String field,
      @Nullable List<UnifiedRequests.KeyValue> entries,
      List<io.brmh.platform.problem.Problem.FieldError> faults) {
    if (entries == null) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      UnifiedRequests.KeyValue entry = entries.get(i);
      boolean secret =
          entry.secret() != null ? entry.secret() : AccountSecrets.looksLikeCredential(entry.key());
      if (secret) {
        faults.add(
            new io.brmh.platform.problem.Problem.FieldError(
                field + "[" + i + "]",
                "holds a credential: put it in the account's headers or variables, where it is"
                    + " sealed (a header that is none: secret false)"));
      }
    }
  }

  private NamespaceEntity create(
      EntityKind kind, String namespaceId, java.util.function.Function<String, Contents> contents) {
    String id = UUID.randomUUID().toString();
    Contents made = contents.apply(id);
    Instant now = Instant.now();
    NamespaceEntity entity =
        new NamespaceEntity(id, kind, namespaceId, made.data(), made.sealed(), 1, now, now);
    store.create(entity);
    return entity;
  }

  private NamespaceEntity replace(
      NamespaceEntity current, @Nullable String ifMatch, Contents contents) {
    long expected =
        IfMatch.expectedVersion(ifMatch, current.version(), stale(current.kind(), current.id()));
    NamespaceEntity next =
        new NamespaceEntity(
            current.id(),
            current.kind(),
            current.namespaceId(),
            contents.data(),
            contents.sealed(),
            expected + 1,
            current.createdAt(),
            Instant.now());
    if (!store.replace(next, expected)) {
      throw store.find(current.kind(), current.id()).isPresent()
          ? stale(current.kind(), current.id())
          : notFound(current.kind(), current.id());
    }
    return next;
  }

  private Contents accountContents(
      String id,
      UnifiedRequests.AccountFields fields,
      Map<String, String> kept,
      Map<String, Object> before) {
    AccountSecrets.Entries headers =
        secrets.seal(
            id,
            AccountSecrets.HEADERS,
            fields.headers() == null ? List.of() : fields.headers(),
            kept);
    AccountSecrets.Entries variables =
        secrets.seal(
            id,
            AccountSecrets.VARIABLES,
            fields.variables() == null ? List.of() : fields.variables(),
            kept);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("namespace-account-name", fields.name());
    if (fields.urlOverride() != null) {
      data.put("namespace-account-url-override", fields.urlOverride());
    }
    data.put(AccountSecrets.HEADERS, headers.shown());
    data.put(AccountSecrets.VARIABLES, variables.shown());
    data.put("tags", fields.tags() == null ? List.of() : fields.tags());
    // Filled when a method's table is made (schema/table): not the client's to write.
    if (before.containsKey("tableName")) {
      data.put("tableName", before.get("tableName"));
    }
    Map<String, String> sealed = new LinkedHashMap<>(headers.sealed());
    sealed.putAll(variables.sealed());
    return new Contents(data, sealed);
  }

  private void requireInNamespace(
      EntityKind kind, @Nullable String id, String namespaceId, String field) {
    if (id != null
        && store
            .find(kind, id)
            .filter(found -> found.namespaceId().equals(namespaceId))
            .isEmpty()) {
      throw ProblemException.invalidField(
          field,
          "must be a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of the namespace");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> plain(Object fields) {
    try {
      return (Map<String, Object>) ExactJson.readPlain(json.writeValueAsString(fields));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProblemException notFound(EntityKind kind, String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        kind.name().toLowerCase(java.util.Locale.ROOT) + "-not-found",
        "There is no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + ".");
  }

  static ProblemException stale(EntityKind kind, String id) {
    return new ProblemException(
        HttpStatus.PRECONDITION_FAILED,
        "version-mismatch",
        "The "
            + kind.name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + id
            + " changed since the version named in If-Match; read it again.");
  }
}
