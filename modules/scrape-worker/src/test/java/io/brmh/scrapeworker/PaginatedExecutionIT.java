package io.brmh.scrapeworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.scrape.ScrapeExecutionRequested;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.unified.NamespaceEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paginated runs of namespace methods against a real local API that pages in each style, answers
 * 429 with Retry-After twice and 503 once: the table ends holding exactly the API's items, value by
 * value, each once, with the account's sealed credential sent and never written anywhere.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginatedExecutionIT implements TestPropertyProvider {
  private final FakeApi api = new FakeApi(250, 100).failing(2, 429).failing(3, 429).failing(5, 503);
  private final FakeApi slowApi = new FakeApi(400, 10).slow(150);

  @Inject Executions executions;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.outbound.allowed-hosts", api.hostAndPort() + "," + slowApi.hostAndPort());
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }

  @AfterAll
  void stopApis() {
    api.close();
    slowApi.close();
  }

  @ParameterizedTest
  @CsvSource({
    "/link, link",
    "/link, auto",
    "/cursor, cursor",
    "/cursor, auto",
    "/token, token",
    "/header-token, header-token",
    "/page, page",
    "/page, auto",
    "/offset, offset"
  })
  void everyPagingStyleEndsWithTheTableHoldingExactlyTheApisItems(String path, String paging) {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, path);
    int before = api.requests(path);

    Job job =
        executions.imports.awaitEnd(
            executions.submit(executions.request(setup, method, paging, null, false)));

    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCEEDED);
    Map<String, Map<String, Object>> table = executions.items(setup.table());
    assertThat(table).isEqualTo(Executions.expected(api));
    assertThat(table.get("item-7").get("price")).isEqualTo(FakeApi.BIG_PRICE);
    assertThat(job.result()).containsEntry("itemsWritten", 250);
    if (before == 0) {
      // The first run of a path met the two 429s and the 503 and waited them out.
      assertThat(job.result()).containsEntry("retries", 3);
    }
    assertThat(api.authorizations()).contains(Executions.SECRET);
    assertThat(job.toString()).doesNotContain("sealed-credential");
  }

  @Test
  void aRunRepeatedOrRedeliveredNeverDuplicatesAnItem() {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/cursor");
    executions.imports.awaitEnd(
        executions.submit(executions.request(setup, method, "cursor", null, false)));
    ScrapeExecutionRequested again = executions.request(setup, method, "cursor", null, false);

    Job second = executions.imports.awaitEnd(executions.submit(again));

    assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(executions.items(setup.table())).isEqualTo(Executions.expected(api));
  }

  @Test
  void maxPagesAndStopOnExistingEndTheRunEarly() {
    Executions.Setup setup = executions.setup(api.base());
    NamespaceEntity method = executions.method(setup, "/token");

    Job limited =
        executions.imports.awaitEnd(
            executions.submit(executions.request(setup, method, "token", 2, false)));

    assertThat(limited.result()).containsEntry("pages", 2).containsEntry("stoppedBy", "max-pages");
    assertThat(executions.items(setup.table())).hasSize(200);

    Job stopped =
        executions.imports.awaitEnd(
            executions.submit(executions.request(setup, method, "token", null, true)));

    assertThat(stopped.result())
        .containsEntry("stoppedBy", "existing-item")
        .containsEntry("itemsWritten", 0);
    assertThat(executions.items(setup.table())).hasSize(200);
  }

  @Test
  void aCancelStopsTheRunAtTheNextPage() {
    Executions.Setup setup = executions.setup(slowApi.base());
    NamespaceEntity method = executions.method(setup, "/page");
    Job job = executions.submit(executions.request(setup, method, "page", null, false));
    await().atMost(Duration.ofSeconds(30)).until(() -> progress(job) >= 30);

    executions.imports.jobs.requestCancel(job.id());

    Job ended = executions.imports.awaitEnd(job);
    assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
    int written = executions.items(setup.table()).size();
    assertThat(written).isGreaterThanOrEqualTo(30).isLessThan(400);
  }

  private long progress(Job job) {
    Job now = executions.imports.jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }
}
