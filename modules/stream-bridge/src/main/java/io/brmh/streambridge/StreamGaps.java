package io.brmh.streambridge;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheRebuilds;
import io.brmh.platform.jobs.Job;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what a gap in a stream cost: when changes of a table may be lost for good (its stream no
 * longer has what followed the bridge's checkpoint), every active cache of the table is rebuilt by
 * a bulk load of BRMH's own. The requests go to the table log before any later change of the table,
 * so the loads read the table after the gap and the changes behind them apply in order.
 */
@Singleton
class StreamGaps {
  private static final Logger LOG = LoggerFactory.getLogger(StreamGaps.class);

  private final CacheConfigRepository configs;
  private final CacheRebuilds rebuilds;

  StreamGaps(CacheConfigRepository configs, CacheRebuilds rebuilds) {
    this.configs = configs;
    this.rebuilds = rebuilds;
  }

  /**
   * Queues a rebuild of every active cache of {@code table}; returns once Kafka has the requests.
   */
  void rebuildCachesOf(String table, String why) {
    for (CacheConfig config : configs.findActive(table)) {
      Job job = rebuilds.submit(UUID.randomUUID().toString(), config, "/brmh/stream-bridge", why);
      LOG.warn(
          "Rebuild job {} of the cache of {} for {} queued: {}",
          job.id(),
          table,
          config.project(),
          why);
    }
  }
}
