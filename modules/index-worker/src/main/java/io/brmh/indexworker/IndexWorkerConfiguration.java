package io.brmh.indexworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * The index worker's settings, {@code brmh.index-worker.*}. Which engine, and where it keeps its
 * indexes, is {@code brmh.search.*}.
 *
 * @param enabled whether this process runs the index worker (default true)
 * @param sessionTimeout how long a silent worker keeps its partitions (default 10 s)
 * @param maxRetryBackoff the longest wait between two tries of a change or reindex that fails for a
 *     passing reason (default 5 s)
 * @param pageSize items read from the table per page of a reindex (default 500), written and
 *     checkpointed together
 * @param configsLife how long the worker keeps a table's index configurations before it reads them
 *     again (default 2 s); a reindex reads them at once
 * @param instanceId a stable name for this worker among the running ones, or unset
 */
@ConfigurationProperties("brmh.index-worker")
public record IndexWorkerConfiguration(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "10s") Duration sessionTimeout,
    @Bindable(defaultValue = "5s") Duration maxRetryBackoff,
    @Bindable(defaultValue = "500") @Min(1) @Max(10000) int pageSize,
    @Bindable(defaultValue = "2s") Duration configsLife,
    @Nullable String instanceId) {}
