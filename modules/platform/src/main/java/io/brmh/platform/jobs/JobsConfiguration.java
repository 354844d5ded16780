package io.brmh.platform.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How jobs are kept and reported ({@code brmh.jobs.*}).
 *
 * @param table the DynamoDB table of jobs (default {@code brmh-jobs})
 * @param retention how long a job is kept after it ended (default 24 h; the table's time to live
 *     removes it afterwards)
 * @param progressInterval least time between two progress reports of one job (default 500 ms);
 *     status changes are always reported
 * @param outboxTable the DynamoDB table of accepted jobs' commands on their way to Kafka (default
 *     {@code brmh-job-outbox}): a process that died before it published one leaves an entry the
 *     relay sends again
 * @param outboxGrace how long a command may be on its way before the relay sends it again (default
 *     10 s)
 * @param outboxInterval how often the relay looks at the outbox (default 5 s); the schedule reads
 *     the property itself, so its default there must stay the same
 */
@ConfigurationProperties("brmh.jobs")
public record JobsConfiguration(
    @Bindable(defaultValue = "brmh-jobs") String table,
    @Bindable(defaultValue = "24h") Duration retention,
    @Bindable(defaultValue = "500ms") Duration progressInterval,
    @Bindable(defaultValue = "brmh-job-outbox") String outboxTable,
    @Bindable(defaultValue = "10s") Duration outboxGrace,
    @Bindable(defaultValue = "5s") Duration outboxInterval) {}
