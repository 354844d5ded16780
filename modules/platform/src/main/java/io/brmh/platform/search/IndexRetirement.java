package io.brmh.platform.search;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.index.IndexDropRequested;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Retires search indexes: each configuration is removed, so that no search finds it any more, and
 * its generations and alias are dropped by a {@value #DROP_JOB_TYPE} job of its own, on the table's
 * partition of the table log, in order among the table's changes. An index never outlives its
 * configuration, nor its namespace.
 */
@Singleton
public class IndexRetirement {
  /** The job type of an index drop. */
  public static final String DROP_JOB_TYPE = "search.drop";

  private final IndexConfigStore configs;
  private final JobRegistry jobs;
  private final JobCommands commands;

  IndexRetirement(IndexConfigStore configs, JobRegistry jobs, JobCommands commands) {
    this.configs = configs;
    this.jobs = jobs;
    this.commands = commands;
  }

  /**
   * Retires the configurations given.
   *
   * @param seed the same on every run of one job, so that a run after a crash submits no drop twice
   *     (each drop's id is derived from it and the configuration's)
   * @param source the envelope source of the drop commands ({@code /brmh/gateway}…)
   * @return the ids of the drop jobs, one per configuration retired
   */
  public List<String> retire(
      List<IndexConfig> retired, String seed, String requestedBy, String source) {
    List<String> dropJobs = new ArrayList<>();
    for (IndexConfig config : retired) {
      String dropJob =
          UUID.nameUUIDFromBytes((seed + "/drop/" + config.id()).getBytes(StandardCharsets.UTF_8))
              .toString();
      if (jobs.find(dropJob).isEmpty()) {
        commands.submit(
            dropJob,
            DROP_JOB_TYPE,
            "index:" + config.id(),
            requestedBy,
            id ->
                new Envelope<>(
                    EnvelopeAttributes.create(
                            MessageType.INDEX_DROP_REQUESTED, source, config.table())
                        .withJobId(id),
                    new IndexDropRequested(id, config.id(), config.table(), requestedBy)));
      }
      // After the drop is on its way, so that a run after a crash still finds the configuration
      // to retire; a change the worker reads meanwhile finds no alias once the drop ran.
      configs.delete(config.id());
      dropJobs.add(dropJob);
    }
    return dropJobs;
  }
}
