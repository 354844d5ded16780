package io.brmh.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
  private final JobEvent event =
      new JobEvent(
          "job-1",
          "cache.table",
          "cache:shop:users",
          "user-7",
          JobStatus.RUNNING,
          null,
          null,
          null,
          Instant.now());

  @Test
  void eventMatchesBySubjectTypeOrJobId() {
    assertThat(subscribedTo(List.of("job-1"), null, null).matches(event)).isTrue();
    assertThat(subscribedTo(null, List.of("cache.table"), null).matches(event)).isTrue();
    assertThat(subscribedTo(null, null, List.of("cache:shop:users")).matches(event)).isTrue();
    assertThat(
            subscribedTo(List.of("job-2"), List.of("deploy"), List.of("cache:shop:orders"))
                .matches(event))
        .isFalse();
  }

  @Test
  void unsubscribeStopsMatching() {
    Subscriptions subscriptions = subscribedTo(null, null, List.of("cache:shop:users"));
    subscriptions.remove(new SocketCommand("unsubscribe", null, null, List.of("cache:shop:users")));
    assertThat(subscriptions.matches(event)).isFalse();
  }

  @Test
  void oneConnectionCannotSubscribeWithoutBound() {
    Subscriptions subscriptions = new Subscriptions();
    List<String> tooMany =
        Collections.nCopies(Subscriptions.MAX_ENTRIES + 1, "x").stream()
            .map(x -> x + Math.random())
            .toList();
    assertThat(subscriptions.add(new SocketCommand("subscribe", tooMany, null, null))).isFalse();
    assertThat(subscriptions.jobIds()).isEmpty();
  }

  private static Subscriptions subscribedTo(
      List<String> jobIds, List<String> types, List<String> subjects) {
    Subscriptions subscriptions = new Subscriptions();
    subscriptions.add(new SocketCommand("subscribe", jobIds, types, subjects));
    return subscriptions;
  }
}
