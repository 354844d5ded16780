package io.brmh.indexworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.opensearch.OpenSearchEngine;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same reindexes and live changes as {@link IndexWorkerIT}, with the worker writing into a real
 * OpenSearch node ({@code brmh.search.engine=opensearch}) instead of the embedded engine.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexWorkerOnOpenSearchIT extends IndexWorkerIT {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    properties.put("brmh.search.engine", "opensearch");
    properties.put("brmh.search.opensearch.url", SharedDevstack.openSearchUrl());
    return properties;
  }

  @Test
  void theWorkerWritesIntoOpenSearch() {
    assertThat(engine).isInstanceOf(OpenSearchEngine.class);
  }
}
