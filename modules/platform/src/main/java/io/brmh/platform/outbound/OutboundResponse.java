package io.brmh.platform.outbound;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answer, read whole within the limits.
 *
 * @param headers by lower-case name
 * @param uri where it came from, after redirects
 * @param contentType the media type without parameters, lower case, or null without one
 */
public record OutboundResponse(
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    URI uri,
    @Nullable String contentType) {

  /** The first value of a header, or null. */
  @Nullable
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
