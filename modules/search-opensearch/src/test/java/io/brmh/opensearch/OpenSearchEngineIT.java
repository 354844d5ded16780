package io.brmh.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.OpenSearchNode;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.testing.SearchEngineContract;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RestClient;

/**
 * OpenSearch passes the same engine contract as the embedded engine, against a real single-node
 * OpenSearch 2.19 started as a child process.
 */
class OpenSearchEngineIT extends SearchEngineContract {
  private final OpenSearchNode node = OpenSearchNode.start();
  private final RestClient restClient =
      OpenSearchEngines.restClient(
          new OpenSearchConfiguration(node.url(), null, null, Duration.ofSeconds(30)));
  private final OpenSearchEngine engine = OpenSearchEngines.engine(restClient);

  @Override
  protected SearchEngine engine() {
    return engine;
  }

  @AfterAll
  void stop() {
    OpenSearchEngines.close(restClient);
    node.close();
  }

  @Test
  void anIdPastOpenSearchsLimitIsKeptWhole() {
    String index = fresh();
    String id = "k".repeat(600);
    engine.create(index);

    engine.write(index, List.of(new IndexDocument(id, Map.of("name", "long key"))), List.of());

    assertThat(engine.get(index, id)).map(IndexDocument::id).contains(id);
    assertThat(engine.search(index, SearchRequest.browse(5)).hits())
        .extracting(hit -> hit.id())
        .containsExactly(id);
    engine.write(index, List.of(), List.of(id));
    assertThat(engine.get(index, id)).isEmpty();
    engine.drop(index);
  }

  @Test
  void dottedAndClashingFieldNamesStaySeparateAndExact() {
    String index = fresh();
    engine.create(index);
    Map<String, Object> fields =
        Map.of(
            "price", new BigDecimal("0.1000000000000000055511151231257827"),
            "price.amount", "twelve",
            "a~1", "tilde",
            "  ", "blank name");

    engine.write(index, List.of(new IndexDocument("d", fields)), List.of());

    assertThat(engine.get(index, "d")).contains(new IndexDocument("d", fields));
    assertThat(
            engine
                .search(
                    index, new SearchRequest("twelve", List.of(), List.of(), null, 5, null, true))
                .hits()
                .get(0)
                .highlights())
        .containsOnlyKeys("price.amount");
    engine.drop(index);
  }
}
