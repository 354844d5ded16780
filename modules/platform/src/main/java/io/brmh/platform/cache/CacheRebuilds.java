package io.brmh.platform.cache;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import jakarta.inject.Singleton;

/**
 * Bulk loads BRMH starts on its own to repair a cache (Redis lost it, its stream lost changes): a
 * {@code cache.table} job of owner {@value Job#SYSTEM_OWNER} with the reason in its request and
 * result, queued on the table's partition like a caller's load.
 */
@Singleton
public class CacheRebuilds {
  private final JobCommands commands;

  CacheRebuilds(JobCommands commands) {
    this.commands = commands;
  }

  /**
   * @param jobId the job's id, chosen before (a claim may be made with it first)
   * @param source the CloudEvents source of the request, for example {@code /brmh/cache-worker}
   * @return the accepted job, once Kafka has its request
   */
  public Job submit(String jobId, CacheConfig config, String source, String reason) {
    String project = config.project();
    String table = config.tableName();
    Long ttl = config.timeToLive() == 0 ? null : config.timeToLive();
    return commands.submit(
        jobId,
        "cache.table",
        CacheJobSubject.of(project, table),
        Job.SYSTEM_OWNER,
        id ->
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.CACHE_TABLE_REQUESTED, source, table)
                    .withJobId(id),
                new CacheTableRequested(
                    id, project, table, config.itemsPerKey(), ttl, Job.SYSTEM_OWNER, reason)));
  }
}
