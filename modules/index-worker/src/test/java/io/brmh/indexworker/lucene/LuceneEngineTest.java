package io.brmh.indexworker.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.testing.SearchEngineContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The embedded engine passes the engine contract, keeps what it wrote, and serves one process. */
class LuceneEngineTest extends SearchEngineContract {
  private final Path root;
  private LuceneEngine engine;

  LuceneEngineTest() throws IOException {
    root = Files.createTempDirectory("lucene-engine");
    engine = new LuceneEngine(root);
  }

  @Override
  protected SearchEngine engine() {
    return engine;
  }

  @AfterAll
  void close() throws IOException {
    engine.close();
  }

  @Test
  void whatWasWrittenIsThereAfterTheEngineOpensAgain() throws IOException {
    String index = fresh();
    String alias = fresh();
    engine.create(index);
    engine.write(index, List.of(new IndexDocument("kept", Map.of("name", "kept"))), List.of());
    engine.alias(alias, index);

    engine.close();
    engine = new LuceneEngine(root);

    assertThat(engine.aliased(alias)).contains(index);
    assertThat(engine.search(alias, SearchRequest.browse(10)).hits())
        .extracting(hit -> hit.id())
        .containsExactly("kept");
  }

  @Test
  void aSecondEngineOnTheSameDirectoryRefusesToStart() {
    assertThatThrownBy(() -> new LuceneEngine(root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("serves one process");
  }

  @Test
  void namesBrmhDoesNotMakeAreRefused() {
    assertThatThrownBy(() -> engine.create("../outside"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
