package io.brmh.indexworker;

import io.brmh.indexworker.lucene.LuceneEngine;
import io.brmh.platform.search.SearchConfiguration;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine this process indexes into (and, in one process, searches). */
@Factory
class SearchEngines {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEngines.class);

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = "brmh.search.engine", value = "lucene", defaultValue = "lucene")
  LuceneEngine lucene(SearchConfiguration configuration) throws IOException {
    if (configuration.luceneDirectory() == null) {
      Path temporary = Files.createTempDirectory("brmh-search");
      LOG.warn(
          "brmh.search.lucene-directory is not set: the search indexes are kept in {} and are gone"
              + " when this process ends",
          temporary);
      return new LuceneEngine(temporary);
    }
    return new LuceneEngine(Path.of(configuration.luceneDirectory()));
  }
}
