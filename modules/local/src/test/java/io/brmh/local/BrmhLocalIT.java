package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.DevstackService;
import io.brmh.devstack.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher brings up the whole system on the devstack and takes it all down again. */
class BrmhLocalIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void wholeSystemComesUpReadyAcceptsTheAdminAndStopsWithoutLeftovers(@TempDir Path dataDir)
      throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "local admin password");
    String base = "http://localhost:" + environment.get("BRMH_HTTP_PORT");

    BrmhLocal.LocalRun run = BrmhLocal.start(environment::get);
    try {
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"email\":\"admin@brmh.local\",\"password\":\"local admin password\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).contains("\"accessToken\"");

      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/auth/me")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(run.banner()).contains(base + "/swagger-ui/index.html");
    } finally {
      run.close();
    }

    assertThat(Ports.isFree(Integer.parseInt(environment.get("BRMH_HTTP_PORT")))).isTrue();
    for (DevstackService service : DevstackService.values()) {
      assertThat(Ports.isFree(Integer.parseInt(environment.get(service.portVariable()))))
          .as(service.name())
          .isTrue();
    }
    assertThat(dataDir.resolve("jwt-secret")).exists();
    try (Stream<Path> files = Files.walk(dataDir.resolve("devstack"))) {
      assertThat(files.count()).as("DynamoDB, S3 and Kafka data is kept").isGreaterThan(3);
    }
  }
}
