package io.brmh.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.security.Roles;
import io.brmh.platform.testing.WebSocketTestClient;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job contract end to end: 202 + job, the job resource, cancel, visibility, events over a real
 * WebSocket.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsIT implements TestPropertyProvider {
  @Inject EmbeddedServer server;

  @Inject
  @Client("/")
  HttpClient httpClient;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject StepWorker worker;

  private JobsFixture jobs;

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @BeforeAll
  void fixture() {
    jobs =
        new JobsFixture(server.getURI(), new GatewayClient(httpClient.toBlocking()), json, tokens);
  }

  @Test
  void jobRunsThroughAWorkerAndEveryStepReachesTheWebSocketInOrder() {
    String token = jobs.newUserToken();
    try (WebSocketTestClient socket = jobs.subscribedSocket(token)) {
      HttpResponse<String> accepted = jobs.startJob(token, "?steps=3&name=order", null);
      String jobId = (String) jobs.jsonOf(accepted).get("id");

      Map<String, Object> succeeded =
          socket.await(
              event ->
                  jobId.equals(event.get("brmhjobid"))
                      && "brmh.job.succeeded.v1".equals(event.get("type")));

      List<String> types =
          socket.received().stream()
              .filter(event -> jobId.equals(event.get("brmhjobid")))
              .map(event -> (String) event.get("type"))
              .toList();
      assertThat(types.get(0)).isEqualTo("brmh.job.accepted.v1");
      assertThat(types.get(1)).isEqualTo("brmh.job.started.v1");
      assertThat(types.subList(2, types.size() - 1))
          .isNotEmpty()
          .containsOnly("brmh.job.progressed.v1");
      assertThat(types.get(types.size() - 1)).isEqualTo("brmh.job.succeeded.v1");
      assertThat(succeeded)
          .containsEntry("specversion", "1.0")
          .containsEntry("subject", "test:order");

      Map<String, Object> job = jobs.jsonOf(jobs.get("/jobs/" + jobId, token));
      Map<String, Object> lastEvent = JobsFixture.data(succeeded);
      assertThat(job.get("status")).isEqualTo(lastEvent.get("status")).isEqualTo("SUCCEEDED");
      assertThat(job.get("result"))
          .isEqualTo(lastEvent.get("result"))
          .isEqualTo(Map.of("steps", 3));
      assertThat(job.get("progress")).isEqualTo(lastEvent.get("progress"));
    }
  }

  @Test
  void acceptedJobAnswers202WithLocationRetryAfterAndTheJob() {
    String token = jobs.newUserToken();
    HttpResponse<String> response = jobs.startJob(token, "?steps=1", null);

    assertThat(response.code()).isEqualTo(202);
    Map<String, Object> job = jobs.jsonOf(response);
    assertThat(response.header("Location")).isEqualTo("/jobs/" + job.get("id"));
    assertThat(response.header("Retry-After")).isEqualTo("1");
    assertThat(job).containsEntry("status", "ACCEPTED").containsEntry("type", StepWorker.JOB_TYPE);
  }

  @Test
  void preferWaitReturnsTheFinishedJobInOneCall() {
    HttpResponse<String> response = jobs.startJob(jobs.newUserToken(), "?steps=2", "wait=10");

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.header("Preference-Applied")).isEqualTo("wait=10");
    assertThat(jobs.jsonOf(response))
        .containsEntry("status", "SUCCEEDED")
        .containsEntry("result", Map.of("steps", 2));
  }

  @Test
  void preferWaitShorterThanTheJobStillAnswers202() {
    String token = jobs.newUserToken();
    HttpResponse<String> response = jobs.startJob(token, "?steps=2&gated=true", "wait=1");
    String jobId = (String) jobs.jsonOf(response).get("id");
    worker.openGate(jobId);

    assertThat(response.code()).isEqualTo(202);
    assertThat(response.header("Preference-Applied")).isNull();
  }

  @Test
  void cancelOfARunningJobEndsItCancelledWithAnEvent() {
    String token = jobs.newUserToken();
    try (WebSocketTestClient socket = jobs.subscribedSocket(token)) {
      String jobId =
          (String) jobs.jsonOf(jobs.startJob(token, "?steps=3&gated=true", null)).get("id");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> "RUNNING".equals(jobs.jsonOf(jobs.get("/jobs/" + jobId, token)).get("status")));

      HttpResponse<String> cancel = jobs.post("/jobs/" + jobId + "/cancel", token);
      assertThat(cancel.code()).isEqualTo(202);
      assertThat(jobs.jsonOf(cancel)).containsEntry("cancelRequested", true);
      worker.openGate(jobId);

      Map<String, Object> cancelled =
          socket.await(
              event ->
                  jobId.equals(event.get("brmhjobid"))
                      && "brmh.job.cancelled.v1".equals(event.get("type")));
      assertThat(JobsFixture.data(cancelled)).containsEntry("status", "CANCELLED");
      assertThat(jobs.jsonOf(jobs.get("/jobs/" + jobId, token)))
          .containsEntry("status", "CANCELLED");
      assertThat(
              socket.received().stream()
                  .filter(event -> jobId.equals(event.get("brmhjobid")))
                  .map(event -> (String) event.get("type")))
          .doesNotContain("brmh.job.succeeded.v1");

      HttpResponse<String> again = jobs.post("/jobs/" + jobId + "/cancel", token);
      assertThat(again.code()).isEqualTo(409);
      assertThat(again.getContentType().map(Object::toString)).hasValue("application/problem+json");
    }
  }

  @Test
  void unknownJobAndAnotherUsersJobAreBoth404Problems() {
    String owner = jobs.newUserToken();
    String stranger = jobs.newUserToken();
    String jobId = (String) jobs.jsonOf(jobs.startJob(owner, "?steps=1", null)).get("id");

    for (HttpResponse<String> response :
        List.of(
            jobs.get("/jobs/" + jobId, stranger),
            jobs.get("/jobs/no-such-job", owner),
            jobs.post("/jobs/" + jobId + "/cancel", stranger))) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.getContentType().map(Object::toString))
          .hasValue("application/problem+json");
    }
    assertThat(
            jobs.get("/jobs/" + jobId, jobs.tokenFor("an-admin", Roles.ADMIN, Roles.USER)).code())
        .isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void listingShowsOnlyTheCallersJobsFilteredAndPaginated() {
    String alice = jobs.tokenFor("alice-" + System.nanoTime(), Roles.USER);
    String bob = jobs.newUserToken();
    for (int i = 0; i < 3; i++) {
      jobs.startJob(alice, "?steps=1&name=alice", "wait=10");
    }
    jobs.startJob(bob, "?steps=1&name=bob", "wait=10");

    Map<String, Object> firstPage = jobs.jsonOf(jobs.get("/jobs?limit=2&status=SUCCEEDED", alice));
    List<Map<String, Object>> items = (List<Map<String, Object>>) firstPage.get("items");
    assertThat(items)
        .hasSize(2)
        .allSatisfy(job -> assertThat(job).containsEntry("subject", "test:alice"));
    Map<String, Object> secondPage =
        jobs.jsonOf(
            jobs.get(
                "/jobs?limit=2&status=SUCCEEDED&pageToken=" + firstPage.get("nextPageToken"),
                alice));
    assertThat((List<Map<String, Object>>) secondPage.get("items"))
        .hasSize(1)
        .allSatisfy(job -> assertThat(job).containsEntry("subject", "test:alice"));

    assertThat(jobs.get("/jobs?limit=0", alice).code()).isEqualTo(400);
    assertThat(jobs.get("/jobs?pageToken=forged", alice).code()).isEqualTo(400);
  }

  @Test
  void webSocketHandshakeWithoutAValidTokenIsRefused() {
    URI ws = URI.create(server.getURI().toString().replaceFirst("^http", "ws") + "/ws");
    for (String token : new String[] {null, "not-a-jwt", jobs.newUserToken() + "tampered"}) {
      assertThatThrownBy(() -> WebSocketTestClient.connect(ws, token, json).close())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(WebSocketHandshakeException.class)
          .satisfies(
              e ->
                  assertThat(
                          ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                      .isEqualTo(401));
    }
  }

  @Test
  void tokenInTheQueryOpensTheSocketAndReconnectingClientGetsTheStateOfItsJobs() {
    String token = jobs.newUserToken();
    String otherUsersJob =
        (String) jobs.jsonOf(jobs.startJob(jobs.newUserToken(), "?steps=1", "wait=10")).get("id");
    String jobId = (String) jobs.jsonOf(jobs.startJob(token, "?steps=1", "wait=10")).get("id");
    URI ws =
        URI.create(
            server.getURI().toString().replaceFirst("^http", "ws") + "/ws?access_token=" + token);

    try (WebSocketTestClient socket = WebSocketTestClient.connect(ws, null, json)) {
      socket.send(
          "{\"action\":\"state\",\"jobIds\":[\"" + jobId + "\",\"" + otherUsersJob + "\"]}");
      Map<String, Object> state = socket.await(message -> "state".equals(message.get("type")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> jobsInState = (List<Map<String, Object>>) state.get("jobs");
      assertThat(jobsInState)
          .singleElement()
          .satisfies(
              job ->
                  assertThat(job).containsEntry("id", jobId).containsEntry("status", "SUCCEEDED"));

      socket.send("{\"action\":\"dance\"}");
      assertThat(socket.await(message -> "error".equals(message.get("type"))))
          .containsEntry("status", 400);
    }
  }

  @Test
  void subscriberDoesNotHearAboutOtherUsersJobs() {
    String watcher = jobs.newUserToken();
    try (WebSocketTestClient socket = jobs.subscribedSocket(watcher)) {
      String othersJob =
          (String) jobs.jsonOf(jobs.startJob(jobs.newUserToken(), "?steps=1", "wait=10")).get("id");
      String ownJob = (String) jobs.jsonOf(jobs.startJob(watcher, "?steps=1", "wait=10")).get("id");

      socket.await(
          event ->
              ownJob.equals(event.get("brmhjobid"))
                  && "brmh.job.succeeded.v1".equals(event.get("type")));
      assertThat(socket.received()).noneMatch(event -> othersJob.equals(event.get("brmhjobid")));
    }
  }
}
