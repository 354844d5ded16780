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

  /** The same call to another address (the next page). */
  public MethodCall at(URI next) {
    return new MethodCall(method, next, headers, secretHeaders, body, contentType);
  }

  /** The request the outbound client sends, taking any answer type. */
  public OutboundRequest toRequest() {
    return new OutboundRequest(method, uri, headers, body, contentType, Set.of(), secretHeaders);
  }

  @Override
  public String toString() {
    return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }
}
