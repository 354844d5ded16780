package io.brmh.platform.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How jobs are kept and reported.
 *
 * @param table name of the DynamoDB table of jobs ({@code brmh.jobs.table}, default {@code
 *     brmh-jobs})
 * @param retention how long a job is kept after it ended ({@code brmh.jobs.retention}, default 24
 *     h; the table's time to live removes it afterwards)
 * @param progressInterval least time between two progress reports of one job ({@code
 *     brmh.jobs.progress-interval}, default 500 ms); status changes are always reported
 */
@ConfigurationProperties("brmh.jobs")
public record JobsConfiguration(
    @Bindable(defaultValue = "brmh-jobs") String table,
    @Bindable(defaultValue = "24h") Duration retention,
    @Bindable(defaultValue = "500ms") Duration progressInterval) {}
