package io.brmh.platform.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A real WebSocket client (the JDK's) that keeps every message it receives, parsed as JSON. */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {
  private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
  private final JsonMapper json;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  private WebSocketTestClient(JsonMapper json) {
    this.json = json;
  }

  public static WebSocketTestClient connect(URI uri, String bearerToken, JsonMapper json) {
    WebSocketTestClient client = new WebSocketTestClient(json);
    var builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    client.socket = builder.buildAsync(uri, client).join();
    return client;
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** Waits for a message that satisfies {@code condition} and returns it. */
  public Map<String, Object> await(Predicate<Map<String, Object>> condition) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> received.stream().filter(condition).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  public List<Map<String, Object>> received() {
    return new ArrayList<>(received);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(
            json.readValue(partial.toString(), Argument.mapOf(String.class, Object.class)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }
}
