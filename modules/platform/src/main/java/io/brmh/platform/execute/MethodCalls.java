package io.brmh.platform.execute;

import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.AccountCredentials;
import io.brmh.platform.unified.NamespaceEntity;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the call of a namespace method on one of its accounts, as the original's execute did: the
 * account's base URL joined with the method's path (an absolute path stays as it is), the method's
 * query parameters and headers with the caller's on top, then the account's headers, which win; the
 * account's sealed credentials are opened here, for this one call. An entry with an empty value is
 * not sent (imports list parameters without an example that way). The body, for verbs other than
 * GET and HEAD, is the caller's or else the method's, as JSON.
 */
@Singleton
public class MethodCalls {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^{}/]+)}");
  private static final String ACCOUNT_HEADERS = "namespace-account-header";

  private final AccountCredentials credentials;
  private final JsonMapper json;

  MethodCalls(AccountCredentials credentials, JsonMapper json) {
    this.credentials = credentials;
    this.json = json;
  }

  /**
   * @throws ProblemException 400 when the account has no base URL for a relative path, a path
   *     parameter has no value, or a header is one the client sets itself
   */
  public MethodCall build(NamespaceEntity method, NamespaceEntity account, CallInputs inputs) {
    String verb =
        String.valueOf(method.data().getOrDefault("namespace-method-type", "GET"))
            .toUpperCase(Locale.ROOT);
    URI uri = withQuery(address(method, account, inputs), query(method, inputs));
    Map<String, String> headers = new LinkedHashMap<>();
    entries(method.data().get("namespace-method-header")).forEach(headers::put);
    headers.putAll(inputs.headers());
    // What the caller adds may be a credential of theirs: it does not follow a redirect elsewhere.
    Set<String> secret = new HashSet<>(inputs.headers().keySet());
    // The account's credentials go to the account's own address only: a method of an absolute URL
    // elsewhere is called without them.
    boolean ownOrigin =
        baseOrigin(account).map(base -> MethodCall.sameOrigin(base, uri)).orElse(false);
    for (Map<?, ?> entry : list(account.data().get(ACCOUNT_HEADERS))) {
      String key = String.valueOf(entry.get("key"));
      String place = ACCOUNT_HEADERS + "/" + key;
      String sealedValue = account.sealed().get(place);
      if (sealedValue != null && !ownOrigin) {
        continue;
      }
      String value =
          sealedValue != null
              ? open(account.id(), place, sealedValue)
              : String.valueOf(entry.get("value") == null ? "" : entry.get("value"));
      if (!value.isEmpty()) {
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(key));
        headers.put(key, value);
        if (sealedValue != null) {
          secret.add(key);
        }
      }
    }
    byte[] body = null;
    String contentType = null;
    if (!verb.equals("GET") && !verb.equals("HEAD")) {
      Object payload =
          inputs.body() != null ? inputs.body() : method.data().get("namespace-method-body");
      if (payload != null) {
        body = jsonBytes(payload);
        contentType = "application/json";
      }
    }
    try {
      MethodCall call = new MethodCall(verb, uri, headers, secret, body, contentType);
      call.toRequest(); // refuses headers the client sets itself
      return call;
    } catch (IllegalArgumentException refused) {
      throw ProblemException.invalidField("headers", refused.getMessage());
    }
  }

  private String open(String accountId, String place, String sealedValue) {
    try {
      return credentials.open(accountId, place, sealedValue);
    } catch (IllegalStateException sealedElsewhere) {
      throw new ProblemException(
          io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY,
          "credentials-unreadable",
          "The account's credential at "
              + place
              + " was sealed under another secret; enter it in the account again.");
    }
  }

  private static java.util.Optional<URI> baseOrigin(NamespaceEntity account) {
    Object base = account.data().get("namespace-account-url-override");
    try {
      return base == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(URI.create(String.valueOf(base)));
    } catch (IllegalArgumentException notAnAddress) {
      return java.util.Optional.empty();
    }
  }

  private static URI address(NamespaceEntity method, NamespaceEntity account, CallInputs inputs) {
    String path = String.valueOf(method.data().getOrDefault("namespace-method-url-override", ""));
    Matcher parameter = PATH_PARAMETER.matcher(path);
    StringBuilder filled = new StringBuilder();
    while (parameter.find()) {
      String value = inputs.pathParams().get(parameter.group(1));
      if (value == null) {
        throw ProblemException.invalidField(
            "pathParams." + parameter.group(1), "is needed by the method's path " + path);
      }
      parameter.appendReplacement(
          filled,
          Matcher.quoteReplacement(
              URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    parameter.appendTail(filled);
    path = filled.toString();
    String address;
    if (path.startsWith("http://") || path.startsWith("https://")) {
      address = path;
    } else {
      Object base = account.data().get("namespace-account-url-override");
      if (base == null || String.valueOf(base).isBlank()) {
        throw ProblemException.invalidField(
            "accountId", "has no base URL (namespace-account-url-override) for the path " + path);
      }
      String prefix = String.valueOf(base).replaceAll("/+$", "");
      address = prefix + (path.isEmpty() || path.startsWith("/") ? path : "/" + path);
    }
    try {
      return URI.create(address);
    } catch (IllegalArgumentException notAnAddress) {
      throw ProblemException.invalidField("methodId", "makes no valid address: " + address);
    }
  }

  private static Map<String, String> query(NamespaceEntity method, CallInputs inputs) {
    Map<String, String> query =
        new LinkedHashMap<>(entries(method.data().get("namespace-method-queryParams")));
    query.putAll(inputs.queryParams());
    return query;
  }

  /** The address with these query parameters added (or replacing those of the same name). */
  public static URI withQuery(URI uri, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return uri;
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    parameters.forEach(
        (name, value) -> {
          String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
          query.remove(encoded);
          query.put(encoded, URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    StringBuilder text = new StringBuilder();
    query.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : "&").append(name).append('=').append(value));
    String address = uri.toString();
    int start = address.indexOf('?');
    String withoutQuery = start < 0 ? address : address.substring(0, start);
    int fragment = withoutQuery.indexOf('#');
    if (fragment >= 0) {
      withoutQuery = withoutQuery.substring(0, fragment);
    }
    return URI.create(withoutQuery + "?" + text);
  }

  /** A method's {@code [{key, value}]} list as a map, entries with an empty value left out. */
  private static Map<String, String> entries(Object value) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map<?, ?> entry : list(value)) {
      Object key = entry.get("key");
      Object text = entry.get("value");
      if (key != null && text != null && !String.valueOf(text).isEmpty()) {
        entries.put(String.valueOf(key), String.valueOf(text));
      }
    }
    return entries;
  }

  private static List<Map<?, ?>> list(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
  }

  private byte[] jsonBytes(Object payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
