package io.brmh.platform.outbound;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request to an address a user gave.
 *
 * @param headers request headers; those named in {@code secretHeaders} (and {@code Authorization},
 *     {@code Cookie}) are not sent on after a redirect to another origin
 * @param acceptedTypes the media types taken ({@code application/json}, {@code text/*}); empty
 *     takes any
 */
public record OutboundRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    @Nullable byte[] body,
    @Nullable String contentType,
    Set<String> acceptedTypes,
    Set<String> secretHeaders) {

  /** Headers that describe the connection or the message, set by the client alone. */
  private static final Set<String> CLIENT_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "proxy-connection",
          "expect");

  public OutboundRequest {
    for (String name : headers.keySet()) {
      if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("The client sets the " + name + " header itself.");
      }
    }
    headers = Map.copyOf(headers);
    acceptedTypes = Set.copyOf(acceptedTypes);
    secretHeaders = Set.copyOf(secretHeaders);
  }

  /** A GET taking any of these types. */
  public static OutboundRequest get(URI uri, String... acceptedTypes) {
    return new OutboundRequest("GET", uri, Map.of(), null, null, Set.of(acceptedTypes), Set.of());
  }
}
