package io.brmh.gateway.auth.apikeys;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates machine clients by the {@value #HEADER} header. The key's scopes become its roles,
 * so it reaches only routes that name one of them; its tables go into the {@link
 * ApiKeyAuthentication#TABLES} attribute for routes that check them. A wrong or revoked key
 * authenticates nobody: 401.
 */
@Singleton
class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
  static final String HEADER = "X-API-Key";

  private final ApiKeys keys;

  ApiKeyAuthenticationFetcher(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    String key = request.getHeaders().get(HEADER);
    if (key == null) {
      return Publishers.empty();
    }
    // The lookup is a DynamoDB read: off the event loop.
    return Mono.fromCallable(
            () ->
                keys.authenticate(key)
                    .map(
                        found ->
                            Authentication.build(
                                "apikey:" + found.id(),
                                found.scopes(),
                                Map.of(ApiKeyAuthentication.TABLES, found.tables())))
                    .orElse(null))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
