package io.brmh.gateway.ws;

import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.job.JobEvent;
import io.brmh.gateway.jobs.JobAccess;
import io.brmh.gateway.jobs.JobEventSink;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket clients of this gateway instance and what they listen to. Each job event is sent to
 * every client that subscribed to it and may see it. Progress events of one job are sent at most
 * once per {@link #PROGRESS_INTERVAL}; status changes always go out.
 */
@Singleton
class JobSocketHub implements JobEventSink {
  static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Long> lastProgressSent = new ConcurrentHashMap<>();
  private final CloudEventJson cloudEvents;

  JobSocketHub(CloudEventJson cloudEvents) {
    this.cloudEvents = cloudEvents;
  }

  /**
   * A connected client: its session, who it is, until when its token is valid, what it listens to.
   */
  record Client(
      WebSocketSession session,
      Authentication caller,
      Instant tokenExpiry,
      Subscriptions subscriptions) {

    /**
     * A socket lives no longer than the token that opened it: then it is closed (policy violation).
     */
    boolean closeIfExpired() {
      if (tokenExpiry != null && Instant.now().isAfter(tokenExpiry)) {
        session.close(CloseReason.POLICY_VIOLATION);
        return true;
      }
      return false;
    }
  }

  void register(WebSocketSession session, Authentication caller) {
    clients.put(
        session.getId(), new Client(session, caller, expiryOf(caller), new Subscriptions()));
  }

  private static Instant expiryOf(Authentication caller) {
    Object exp = caller.getAttributes().get("exp");
    if (exp instanceof Date date) {
      return date.toInstant();
    }
    if (exp instanceof Number seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    return exp instanceof Instant instant ? instant : null;
  }

  void unregister(WebSocketSession session) {
    clients.remove(session.getId());
  }

  Optional<Client> client(WebSocketSession session) {
    return Optional.ofNullable(clients.get(session.getId()));
  }

  @Override
  public void onJobEvent(EnvelopeAttributes attributes, JobEvent event) {
    if (isThrottledProgress(attributes, event)) {
      return;
    }
    if (event.status().isTerminal()) {
      lastProgressSent.remove(event.jobId());
    }
    String message = null;
    for (Client client : clients.values()) {
      if (client.closeIfExpired()) {
        clients.remove(client.session().getId());
        continue;
      }
      if (client.subscriptions().matches(event)
          && JobAccess.canSee(client.caller(), event.owner())
          && client.session().isOpen()) {
        message = message == null ? cloudEvents.write(attributes, event) : message;
        client.session().sendAsync(message);
      }
    }
  }

  private boolean isThrottledProgress(EnvelopeAttributes attributes, JobEvent event) {
    if (attributes.type() != MessageType.JOB_PROGRESSED) {
      return false;
    }
    long now = System.nanoTime();
    Long last = lastProgressSent.get(event.jobId());
    if (last != null && now - last < PROGRESS_INTERVAL.toNanos()) {
      return true;
    }
    lastProgressSent.put(event.jobId(), now);
    return false;
  }
}
