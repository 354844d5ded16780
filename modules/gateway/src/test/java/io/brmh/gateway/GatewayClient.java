package io.brmh.gateway;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** Sends a request and returns the response whatever its status, with the body as a string. */
public final class GatewayClient {
  private final BlockingHttpClient http;

  public GatewayClient(BlockingHttpClient http) {
    this.http = http;
  }

  public HttpResponse<String> send(HttpRequest<?> request) {
    try {
      return http.exchange(request, Argument.STRING, Argument.STRING);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
      return response;
    }
  }

  public static String body(HttpResponse<String> response) {
    return response.getBody(String.class).orElse("");
  }
}
