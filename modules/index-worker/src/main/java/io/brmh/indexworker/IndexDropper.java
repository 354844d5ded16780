package io.brmh.indexworker;

import io.brmh.contracts.index.IndexDropRequested;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.SearchEngine;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop job: every generation of a retired index goes, and with them what its alias named. It runs
 * in the table's turn on the table log, so the changes before it were applied and none after it
 * finds the index (its configuration went before the job was sent). Dropping again is harmless: a
 * redelivery after a crash ends the job the same way.
 */
@Singleton
class IndexDropper {
  private static final Logger LOG = LoggerFactory.getLogger(IndexDropper.class);

  private final JobRegistry jobs;
  private final IndexConfigsByTable byTable;
  private final SearchEngine engine;

  IndexDropper(JobRegistry jobs, IndexConfigsByTable byTable, SearchEngine engine) {
    this.jobs = jobs;
    this.byTable = byTable;
    this.engine = engine;
  }

  void run(IndexDropRequested request) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      return; // cancelled before it started, or ended by an earlier delivery
    }
    byTable.forget(request.table());
    String alias = IndexConfig.ALIAS_PREFIX + request.indexId();
    List<String> generations = engine.indexes(alias + "-");
    generations.forEach(engine::drop);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("indexId", request.indexId());
    result.put("table", request.table());
    result.put("generationsDropped", generations.size());
    jobs.succeed(request.jobId(), result);
    LOG.info("Index {} of {} dropped: {}", request.indexId(), request.table(), generations);
  }
}
