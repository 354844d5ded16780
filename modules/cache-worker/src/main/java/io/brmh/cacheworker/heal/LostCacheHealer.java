package io.brmh.cacheworker.heal;

import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.cache.ActiveCacheConfigs;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheLoads;
import io.brmh.platform.cache.CacheRebuilds;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices within seconds that Redis lost a cache — restarted without its data, flushed, failed over
 * to an empty replica, its bookkeeping evicted — and rebuilds it with a bulk load of BRMH's own
 * (owner {@value Job#SYSTEM_OWNER}, the reason in its result), visible in {@code /jobs} and over
 * WebSocket to administrators. A cache counts as lost when DynamoDB records the load that made it
 * ({@link CacheLoads}) and Redis no longer has its {@link CacheKeys#loadedMarker() marker}. Changes
 * that arrive meanwhile are applied to what is left and again after the rebuild, which waits behind
 * them on the table's partition.
 */
@Singleton
@Requires(property = "brmh.cache-worker.enabled", notEquals = "false")
class LostCacheHealer {
  static final String REASON =
      "Redis lost this cache (restarted without its data, flushed or failed over); BRMH rebuilt it from the table";
  private static final Logger LOG = LoggerFactory.getLogger(LostCacheHealer.class);

  /** How long a claim may wait for its job to be accepted before another worker may claim again. */
  private static final Duration CLAIM_GRACE = Duration.ofMinutes(1);

  private final ActiveCacheConfigs configs;
  private final CacheLoads loads;
  private final RedissonClient redis;
  private final JobRegistry jobs;
  private final CacheRebuilds rebuilds;

  LostCacheHealer(
      ActiveCacheConfigs configs,
      CacheLoads loads,
      RedissonClient redis,
      JobRegistry jobs,
      CacheRebuilds rebuilds) {
    this.configs = configs;
    this.loads = loads;
    this.redis = redis;
    this.jobs = jobs;
    this.rebuilds = rebuilds;
  }

  @Scheduled(
      fixedDelay = "${brmh.cache-worker.heal-interval:5s}",
      initialDelay = "${brmh.cache-worker.heal-interval:5s}")
  void check() {
    try {
      healLostCaches();
    } catch (RuntimeException storeDown) {
      LOG.warn(
          "Looking for caches Redis lost failed; trying again at the next check: {}",
          storeDown.toString());
    }
  }

  /**
   * @return the rebuilds started
   */
  int healLostCaches() {
    Map<CacheKeys, CacheConfig> active = new HashMap<>();
    configs.all().forEach(config -> active.put(config.keys(), config));
    List<CacheLoads.Loaded> loaded =
        loads.all().stream().filter(record -> active.containsKey(record.keys())).toList();
    Map<CacheKeys, Boolean> present = markersPresent(loaded);
    int started = 0;
    for (CacheLoads.Loaded record : loaded) {
      if (record.rebuildJobId().isPresent()) {
        releaseIfEndedWithoutSuccess(record, record.rebuildJobId().get());
      } else if (!present.get(record.keys()) && rebuild(record, active.get(record.keys()))) {
        started++;
      }
    }
    return started;
  }

  private Map<CacheKeys, Boolean> markersPresent(List<CacheLoads.Loaded> loaded) {
    Map<CacheKeys, Boolean> present = new HashMap<>();
    if (loaded.isEmpty()) {
      return present;
    }
    RBatch batch = redis.createBatch();
    Map<CacheKeys, RFuture<Boolean>> checks = new HashMap<>();
    loaded.forEach(
        record ->
            checks.put(
                record.keys(), batch.getBucket(record.keys().loadedMarker()).isExistsAsync()));
    batch.execute();
    checks.forEach((keys, check) -> present.put(keys, check.toCompletableFuture().join()));
    return present;
  }

  private boolean rebuild(CacheLoads.Loaded lost, CacheConfig config) {
    String jobId = UUID.randomUUID().toString();
    if (!loads.claimRebuild(lost, jobId)) {
      return false; // another worker noticed first
    }
    CacheKeys keys = lost.keys();
    Job job;
    try {
      job = rebuilds.submit(jobId, config, "/brmh/cache-worker", REASON);
    } catch (RuntimeException notQueued) {
      loads.releaseRebuild(lost, jobId); // the next check tries again
      throw notQueued;
    }
    LOG.warn("Redis lost the cache {}: rebuild job {} queued", keys.prefix(), job.id());
    return true;
  }

  /**
   * A claim whose job ended without success, or whose claimer died before accepting the job, is
   * given up.
   */
  private void releaseIfEndedWithoutSuccess(CacheLoads.Loaded record, String rebuildJobId) {
    Optional<Job> job = jobs.find(rebuildJobId);
    boolean abandoned =
        job.isEmpty()
            && record
                .rebuildClaimedAt()
                .map(at -> at.isBefore(Instant.now().minus(CLAIM_GRACE)))
                .orElse(true);
    boolean over =
        abandoned
            || (job.isPresent()
                && job.get().status().isTerminal()
                && job.get().status() != JobStatus.SUCCEEDED);
    if (over) {
      loads.releaseRebuild(record, rebuildJobId);
    }
  }
}
