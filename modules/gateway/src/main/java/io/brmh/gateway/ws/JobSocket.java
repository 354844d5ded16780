package io.brmh.gateway.ws;

import io.brmh.gateway.jobs.JobAccess;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * {@code /ws}: job events pushed to subscribed clients as CloudEvents JSON. Authenticated with the
 * same JWT as the HTTP API ({@code Authorization} header or {@code ?access_token=}); the handshake
 * without a valid token is refused with 401. The protocol is in {@code schemas/asyncapi.yaml}.
 */
@ServerWebSocket(JobSocket.PATH)
@Secured(Roles.USER)
class JobSocket {
  static final String PATH = "/ws";

  /** Each job asked for is one read of the jobs table. */
  static final int MAX_STATE_IDS = 100;

  private final JobSocketHub hub;
  private final JobRegistry registry;
  private final JsonMapper json;
  private final CloudEventJson writer;
  private final ExecutorService blocking;

  JobSocket(
      JobSocketHub hub,
      JobRegistry registry,
      JsonMapper json,
      CloudEventJson writer,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.hub = hub;
    this.registry = registry;
    this.json = json;
    this.writer = writer;
    this.blocking = blocking;
  }

  @OnOpen
  void open(WebSocketSession session, HttpRequest<?> request) {
    request
        .getUserPrincipal(Authentication.class)
        .ifPresentOrElse(
            caller -> hub.register(session, caller),
            () -> session.close(CloseReason.POLICY_VIOLATION));
  }

  @OnMessage
  void message(String text, WebSocketSession session) {
    hub.client(session)
        .filter(client -> !client.closeIfExpired())
        .ifPresent(
            client -> {
              SocketCommand command;
              try {
                command = json.readValue(text, SocketCommand.class);
              } catch (IOException | RuntimeException unreadable) {
                reply(
                    session,
                    new SocketReplies.Error(
                        400,
                        "Send JSON: {\"action\": \"subscribe\"|\"unsubscribe\"|\"state\", \"jobIds\": [...], \"jobTypes\": [...], \"subjects\": [...]}"));
                return;
              }
              switch (command.action() == null ? "" : command.action()) {
                case "subscribe" ->
                    reply(
                        session,
                        client.subscriptions().add(command)
                            ? new SocketReplies.Subscribed(client.subscriptions().view())
                            : new SocketReplies.Error(
                                400,
                                "At most "
                                    + Subscriptions.MAX_ENTRIES
                                    + " subscriptions per connection."));
                case "unsubscribe" -> {
                  client.subscriptions().remove(command);
                  reply(session, new SocketReplies.Subscribed(client.subscriptions().view()));
                }
                case "state" -> {
                  if (command.jobIdsOrEmpty().size() > MAX_STATE_IDS) {
                    reply(
                        session,
                        new SocketReplies.Error(
                            400, "Ask for at most " + MAX_STATE_IDS + " jobs at a time."));
                  } else {
                    blocking.execute(
                        () ->
                            reply(session, new SocketReplies.State(visibleJobs(client, command))));
                  }
                }
                default ->
                    reply(
                        session,
                        new SocketReplies.Error(400, "Unknown action '" + command.action() + "'."));
              }
            });
  }

  @OnClose
  void close(WebSocketSession session) {
    hub.unregister(session);
  }

  /** The jobs asked for, or else every subscribed job id, that the client may see. */
  private List<Job> visibleJobs(JobSocketHub.Client client, SocketCommand command) {
    List<String> ids =
        command.jobIdsOrEmpty().isEmpty()
            ? List.copyOf(client.subscriptions().jobIds())
            : command.jobIdsOrEmpty();
    return ids.stream()
        .limit(MAX_STATE_IDS)
        .flatMap(id -> registry.find(id).stream())
        .filter(job -> JobAccess.canSee(client.caller(), job))
        .toList();
  }

  private void reply(WebSocketSession session, Object reply) {
    if (session.isOpen()) {
      session.sendAsync(writer.write(reply));
    }
  }
}
