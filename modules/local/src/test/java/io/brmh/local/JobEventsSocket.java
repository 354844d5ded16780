package io.brmh.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client of the gateway's job WebSocket (the JDK's WebSocket) that keeps every message, parsed as JSON. */
final class JobEventsSocket implements WebSocket.Listener, AutoCloseable {
  private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final JsonMapper json;
  private WebSocket socket;

  private JobEventsSocket(JsonMapper json) {
    this.json = json;
  }

  /** Connects to {@code /ws} of the local run at {@code httpBase} as the bearer of {@code token}. */
  static JobEventsSocket connect(String httpBase, String token, JsonMapper json) {
    JobEventsSocket client = new JobEventsSocket(json);
    client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(httpBase.replaceFirst("^http", "ws") + "/ws"), client).join();
    return client;
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  List<Map<String, Object>> received() {
    return List.copyOf(received);
  }

  /** Whether a message of this CloudEvents type about this job came. */
  boolean heard(String type, String jobId) {
    return received.stream().anyMatch(message -> type.equals(message.get("type")) && jobId.equals(message.get("brmhjobid")));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(json.readValue(partial.toString(), Argument.mapOf(String.class, Object.class)));
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
