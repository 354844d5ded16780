package io.brmh.opensearch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How BRMH reaches OpenSearch, {@code brmh.search.opensearch.*}, when {@code
 * brmh.search.engine=opensearch}.
 *
 * @param url the node or load balancer, {@code http(s)://host:port}
 * @param username a user of OpenSearch's security plugin, or none on a cluster without it
 * @param password that user's password; never logged
 * @param requestTimeout how long one call may take before it fails (and is tried again by the
 *     worker that made it)
 */
@ConfigurationProperties("brmh.search.opensearch")
public record OpenSearchConfiguration(
    @Bindable(defaultValue = "http://127.0.0.1:9200") String url,
    @Nullable String username,
    @Nullable String password,
    @Bindable(defaultValue = "30s") Duration requestTimeout) {

  @Override
  public String toString() {
    return "OpenSearchConfiguration[url=" + url + ", username=" + username + "]";
  }
}
