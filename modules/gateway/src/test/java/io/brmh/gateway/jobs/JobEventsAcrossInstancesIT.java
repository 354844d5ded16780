package io.brmh.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.testing.WebSocketTestClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances on one Kafka and one jobs table: a subscriber on one hears about jobs
 * accepted and run by the other, and a job outlives the instance that ran it.
 */
class JobEventsAcrossInstancesIT {

  @Test
  void subscriberOnInstanceAReceivesEventsOfAJobAcceptedByInstanceB() throws Exception {
    try (EmbeddedServer a = start();
        EmbeddedServer b = start();
        HttpClient clientA = HttpClient.create(a.getURL());
        HttpClient clientB = HttpClient.create(b.getURL())) {
      JobsFixture onA = fixture(a, clientA);
      JobsFixture onB = fixture(b, clientB);
      String token = onA.newUserToken();

      try (WebSocketTestClient socket = onA.subscribedSocket(token)) {
        String jobId =
            (String) onB.jsonOf(onB.startJob(token, "?steps=2&name=across", null)).get("id");

        socket.await(
            event ->
                jobId.equals(event.get("brmhjobid"))
                    && "brmh.job.succeeded.v1".equals(event.get("type")));
        assertThat(
                socket.received().stream()
                    .filter(event -> jobId.equals(event.get("brmhjobid")))
                    .map(event -> (String) event.get("type")))
            .startsWith("brmh.job.accepted.v1", "brmh.job.started.v1");

        b.getApplicationContext().close();
        assertThat(onA.jsonOf(onA.get("/jobs/" + jobId, token)))
            .containsEntry("status", "SUCCEEDED")
            .containsEntry("subject", "test:across");
      }
    }
  }

  private static EmbeddedServer start() {
    Map<String, Object> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("micronaut.server.port", -1);
    ApplicationContext context =
        ApplicationContext.builder().environments("test").properties(properties).start();
    return context.getBean(EmbeddedServer.class).start();
  }

  private static JobsFixture fixture(EmbeddedServer server, HttpClient client) {
    ApplicationContext context = server.getApplicationContext();
    return new JobsFixture(
        server.getURI(),
        new GatewayClient(client.toBlocking()),
        context.getBean(JsonMapper.class),
        context.getBean(TokenGenerator.class));
  }
}
