package io.brmh.opensearch;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.RestClient;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.rest_client.RestClientTransport;

/**
 * The OpenSearch engine, for every process of a deployment with {@code
 * brmh.search.engine=opensearch}.
 */
@Factory
@Requires(property = "brmh.search.engine", value = "opensearch")
public class OpenSearchEngines {

  @Singleton
  @Bean(preDestroy = "close")
  RestClient openSearchRestClient(OpenSearchConfiguration configuration) {
    return restClient(configuration);
  }

  @Singleton
  OpenSearchEngine openSearchEngine(RestClient restClient) {
    return engine(restClient);
  }

  /** A low-level client of the configured cluster; the caller closes it. */
  public static RestClient restClient(OpenSearchConfiguration configuration) {
    int timeout = Math.toIntExact(configuration.requestTimeout().toMillis());
    return RestClient.builder(HttpHost.create(configuration.url()))
        .setRequestConfigCallback(
            request ->
                request.setConnectTimeout(Math.min(timeout, 5_000)).setSocketTimeout(timeout))
        .setHttpClientConfigCallback(
            http -> {
              if (configuration.username() != null && !configuration.username().isBlank()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                    AuthScope.ANY,
                    new UsernamePasswordCredentials(
                        configuration.username(), configuration.password()));
                http.setDefaultCredentialsProvider(credentials);
              }
              return http;
            })
        .build();
  }

  /** The engine on a low-level client. */
  public static OpenSearchEngine engine(RestClient restClient) {
    return new OpenSearchEngine(
        new OpenSearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper())));
  }

  /** Closes a client made by {@link #restClient}. */
  public static void close(RestClient restClient) {
    try {
      restClient.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the OpenSearch client", e);
    }
  }
}
