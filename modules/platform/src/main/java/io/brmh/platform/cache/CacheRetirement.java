package io.brmh.platform.cache;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Retires the cache configurations whose namespace or table goes away: each configuration is
 * removed and its keys cleared by a {@value #CLEAR_JOB_TYPE} job of its own, on the table's
 * partition of the table log, in order among the table's changes. A cache never outlives what it
 * copies.
 */
@Singleton
public class CacheRetirement {
  /** The job type of a cache clear, as {@code DELETE /cache} submits it. */
  public static final String CLEAR_JOB_TYPE = "cache.clear";

  private final CacheConfigRepository caches;
  private final JobRegistry jobs;
  private final JobCommands commands;

  CacheRetirement(CacheConfigRepository caches, JobRegistry jobs, JobCommands commands) {
    this.caches = caches;
    this.jobs = jobs;
    this.commands = commands;
  }

  /**
   * Retires the configurations {@code which} selects.
   *
   * @param seed the same on every run of one job, so that a run after a crash submits no clear
   *     twice (each clear's id is derived from it and the configuration's)
   * @param source the envelope source of the clear commands ({@code /brmh/gateway}…)
   * @return the ids of the clear jobs, one per configuration retired
   */
  public List<String> retire(
      Predicate<CacheConfig> which, String seed, String requestedBy, String source) {
    List<String> clearJobs = new ArrayList<>();
    for (CacheConfig config : caches.findAll()) {
      if (!which.test(config)) {
        continue;
      }
      String clearJob =
          UUID.nameUUIDFromBytes((seed + "/clear/" + config.id()).getBytes(StandardCharsets.UTF_8))
              .toString();
      if (jobs.find(clearJob).isEmpty()) {
        commands.submit(
            clearJob,
            CLEAR_JOB_TYPE,
            CacheJobSubject.of(config.project(), config.tableName()),
            requestedBy,
            id ->
                new Envelope<>(
                    EnvelopeAttributes.create(
                            MessageType.CACHE_CLEAR_REQUESTED, source, config.tableName())
                        .withJobId(id),
                    new CacheClearRequested(
                        id, config.project(), config.tableName(), requestedBy)));
      }
      caches.delete(config.id());
      clearJobs.add(clearJob);
    }
    return clearJobs;
  }
}
