package io.brmh.cacheworker.change;

import io.brmh.cacheworker.store.CacheEraser;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheLoads;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/** Clears one project's cache of a table, in its place on the table log, as a job. */
@Singleton
public class CacheClearer {
  private final RedissonClient redis;
  private final JobRegistry jobs;
  private final CacheLoads loads;

  CacheClearer(RedissonClient redis, JobRegistry jobs, CacheLoads loads) {
    this.redis = redis;
    this.jobs = jobs;
    this.loads = loads;
  }

  /**
   * Erasing is idempotent, so a clear delivered again after a crash erases again and ends its job.
   */
  public void clear(CacheClearRequested request) {
    if (jobs.start(request.jobId()).isEmpty()) {
      Optional<Job> job = jobs.find(request.jobId());
      if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
        jobs.announceEnd(
            request.jobId()); // cancelled before it ran, or ended: its first end event may not have
        // reached Kafka
        return;
      }
    }
    CacheKeys keys = new CacheKeys(request.project(), request.table());
    loads.forget(keys); // first: a cache recorded as loaded but gone from Redis would be rebuilt
    long deleted = new CacheEraser(redis, keys).eraseAll();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message", "Cache cleared successfully");
    result.put("project", request.project());
    result.put("table", request.table());
    result.put("keysDeleted", deleted);
    jobs.succeed(request.jobId(), result);
  }
}
