package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.scrapeworker.FakeApi;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Executing namespace methods through the whole local system, once and page by page into a table,
 * against a real local API that checks the account's credential: the API receives it, and no
 * answer, job record, checkpoint or log line of the process holds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecuteLocalIT {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final String CREDENTIAL = "Bearer local-run-secret-93ab";

  private final FakeApi api = new FakeApi(250, 100).failing(2, 429);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private BrmhLocal.LocalRun run;
  private LocalRunHttp base;
  private String token;
  private JsonMapper json;
  private String namespaceId;
  private String accountId;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "execute password");
    environment.put(BrmhLocal.ALLOWED_HOSTS_VARIABLE, api.hostAndPort());
    run = BrmhLocal.start(environment::get);
    base = new LocalRunHttp(environment);
    json = run.context().getBean(JsonMapper.class);
    token =
        (String)
            send(
                    "POST",
                    "/auth/login",
                    "{\"email\":\"admin@brmh.local\",\"password\":\"execute password\"}")
                .get("accessToken");
    String name = "api-" + UUID.randomUUID().toString().substring(0, 8);
    namespaceId =
        (String)
            send("POST", "/unified/namespaces", "{\"namespace-name\":\"" + name + "\"}")
                .get("namespace-id");
    accountId =
        (String)
            send(
                    "POST",
                    "/unified/namespaces/" + namespaceId + "/accounts",
                    "{\"namespace-account-name\":\"main\",\"namespace-account-url-override\":\""
                        + api.base()
                        + "\",\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\""
                        + CREDENTIAL
                        + "\"}]}")
                .get("id");
  }

  @AfterAll
  void stop() {
    run.close();
    api.close();
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .detachAppender(logs);
  }

  @Test
  void aMethodCalledOnceAnswersWithTheApisResultAndSendsTheSealedCredential() throws Exception {
    String methodId = method("/page");

    String answer =
        base.send(
            "POST",
            "/unified/execute",
            "{\"methodId\":\"" + methodId + "\",\"accountId\":\"" + accountId + "\"}",
            token);

    Map<String, Object> parsed = json.readValue(answer, OBJECT);
    assertThat(parsed).containsEntry("success", true).containsEntry("status", 200);
    assertThat(answer).contains("item-1", FakeApi.BIG_PRICE).doesNotContain(CREDENTIAL);
    assertThat(api.authorizations()).contains(CREDENTIAL);
    assertNowhereInTheLogs();
  }

  @Test
  void aPaginatedRunFillsTheTableAndKeepsTheCredentialOutOfItsJob() throws Exception {
    String methodId = method("/link");
    String table =
        (String)
            send(
                    "POST",
                    "/unified/table/create",
                    "{\"tableName\":\"items-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"namespaceId\":\""
                        + namespaceId
                        + "\"}")
                .get("tableName");

    Map<String, Object> job =
        send(
            "POST",
            "/unified/execute/paginated",
            "{\"methodId\":\""
                + methodId
                + "\",\"accountId\":\""
                + accountId
                + "\",\"tableName\":\""
                + table
                + "\"}",
            "Prefer",
            "wait=60");

    assertThat(job).containsEntry("status", "SUCCEEDED");
    assertThat(job.get("result").toString()).contains("itemsWritten=250", "pagination=link");
    assertThat(base.send("GET", "/crud?tableName=" + table + "&id=item-250", "", token))
        .contains(FakeApi.BIG_PRICE);
    String jobId = (String) job.get("id");
    assertThat(base.send("GET", "/jobs/" + jobId, "", token)).doesNotContain(CREDENTIAL);
    assertThat(run.context().getBean(JobRegistry.class).checkpointOf(jobId).orElseThrow())
        .doesNotContain(CREDENTIAL);
    assertNowhereInTheLogs();
  }

  @Test
  void aCredentialInARunsQueryParametersIsRefusedByName() throws Exception {
    String methodId = method("/page");

    HttpResponse<String> answer =
        base.exchange(
            "POST",
            "/unified/execute/paginated",
            "{\"methodId\":\""
                + methodId
                + "\",\"accountId\":\""
                + accountId
                + "\",\"tableName\":\"nowhere\",\"queryParams\":[{\"key\":\"api_key\",\"value\":\"x\"}]}",
            token);

    assertThat(answer.statusCode()).isEqualTo(400);
  }

  private String method(String path) throws Exception {
    return (String)
        send(
                "POST",
                "/unified/namespaces/" + namespaceId + "/methods",
                "{\"namespace-method-name\":\"list "
                    + path
                    + "\",\"namespace-method-type\":\"GET\",\"namespace-method-url-override\":\""
                    + path
                    + "\"}")
            .get("id");
  }

  private void assertNowhereInTheLogs() {
    assertThat(logs.list).as("the run's log lines were captured").isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      String line =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(line).doesNotContain("local-run-secret-93ab");
    }
  }

  private Map<String, Object> send(String method, String path, String body, String... headers)
      throws Exception {
    return json.readValue(
        base.send(method, path, body == null ? "" : body, token, headers), OBJECT);
  }
}
