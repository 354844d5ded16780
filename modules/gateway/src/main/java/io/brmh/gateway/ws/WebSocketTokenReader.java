package io.brmh.gateway.ws;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Browsers cannot set headers on a WebSocket handshake, so {@code /ws} also takes the bearer token
 * as {@code ?access_token=}. Only there: elsewhere tokens in URLs would end up in access logs.
 */
@Singleton
class WebSocketTokenReader implements TokenReader<HttpRequest<?>> {
  static final String PARAMETER = "access_token";

  @Override
  public Optional<String> findToken(HttpRequest<?> request) {
    if (!JobSocket.PATH.equals(request.getPath())) {
      return Optional.empty();
    }
    return request.getParameters().getFirst(PARAMETER);
  }
}
