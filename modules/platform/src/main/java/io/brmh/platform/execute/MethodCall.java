package io.brmh.platform.execute;

import io.brmh.platform.outbound.OutboundRequest;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One call of a namespace method, ready to send: its headers may hold the account's credentials, so
 * it is never logged, stored or answered ({@link #toString} leaves them out).
 *
 * @param secretHeaders the headers that hold credentials: dropped on a redirect to another origin
 */
public record MethodCall(
    String method,
    URI uri,
    Map<String, String> headers,
    Set<String> secretHeaders,
    @Nullable byte[] body,
    @Nullable String contentType) {

  public MethodCall {
    headers = Map.copyOf(headers);
    secretHeaders = Set.copyOf(secretHeaders);
  }

  /**
   * The same call to another address (the next page); one of another origin goes without the
   * credential headers, as a redirect there would.
   */
  public MethodCall at(URI next) {
    if (sameOrigin(uri, next)) {
      return new MethodCall(method, next, headers, secretHeaders, body, contentType);
    }
    Map<String, String> kept = new java.util.LinkedHashMap<>(headers);
    kept.keySet().removeAll(secretHeaders);
    return new MethodCall(method, next, kept, Set.of(), body, contentType);
  }

  /** Whether two addresses share scheme, host and port. */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** The request the outbound client sends, taking any answer type. */
  public OutboundRequest toRequest() {
    return new OutboundRequest(method, uri, headers, body, contentType, Set.of(), secretHeaders);
  }

  @Override
  public String toString() {
    // No query (it may hold a token an API handed out) and no user-info.
    return method
        + " "
        + uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + uri.getRawPath();
  }
}
