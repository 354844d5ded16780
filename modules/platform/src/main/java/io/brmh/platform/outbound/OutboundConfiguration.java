package io.brmh.platform.outbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Limits of every request BRMH sends to an address a user gave ({@code brmh.outbound.*}): API
 * descriptions, namespace methods, webhooks.
 *
 * @param allowedHosts {@code host:port} pairs reached even though their address is one BRMH never
 *     calls (loopback, private, link-local…), for the local run's and the tests' own servers; empty
 *     by default, and never to be set in production
 * @param connectTimeout the longest wait for a connection (default 5s)
 * @param readTimeout the longest wait for the next bytes of an answer (default 10s)
 * @param deadline the longest a request may take in all, redirects and a slowly trickling body
 *     included (default 30s)
 * @param maxBytes the largest answer body read; a larger one is cut off and refused (default 10
 *     MiB)
 * @param maxRedirects redirects followed before the request is refused (default 5)
 */
@ConfigurationProperties("brmh.outbound")
public record OutboundConfiguration(
    @Nullable List<String> allowedHosts,
    @Bindable(defaultValue = "5s") Duration connectTimeout,
    @Bindable(defaultValue = "10s") Duration readTimeout,
    @Bindable(defaultValue = "30s") Duration deadline,
    @Bindable(defaultValue = "10485760") long maxBytes,
    @Bindable(defaultValue = "5") int maxRedirects) {

  public OutboundConfiguration {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }
}
