package io.brmh.gateway.ws;

import io.brmh.platform.jobs.Job;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What the server answers to a client's command (events themselves travel as CloudEvents). */
final class SocketReplies {
  private SocketReplies() {}

  /** The client's subscriptions after a subscribe or unsubscribe. */
  @Serdeable
  record Subscribed(String type, Subscriptions.View subscriptions) {
    Subscribed(Subscriptions.View subscriptions) {
      this("subscribed", subscriptions);
    }
  }

  /** The current state of the jobs a client asked about (those it may see). */
  @Serdeable
  record State(String type, List<Job> jobs) {
    State(List<Job> jobs) {
      this("state", jobs);
    }
  }

  /** A command the server could not follow. */
  @Serdeable
  record Error(String type, int status, String detail) {
    Error(int status, String detail) {
      this("error", status, detail);
    }
  }
}
