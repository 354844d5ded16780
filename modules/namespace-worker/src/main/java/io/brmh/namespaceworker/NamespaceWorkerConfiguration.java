package io.brmh.namespaceworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The namespace worker's settings, {@code brmh.namespace-worker.*}.
 *
 * @param enabled whether this process runs the namespace worker (default true; a gateway deployed
 *     alone sets false)
 * @param sessionTimeout how long a silent worker keeps its partitions (default 10 s): after a
 *     crash, its namespaces' jobs wait this long before another worker runs them again
 * @param maxRetryBackoff the longest wait between two tries of a job that keeps failing because
 *     DynamoDB or Kafka is unavailable (default 5 s); such jobs are tried again without limit
 * @param instanceId a stable name for this worker among the running ones, or unset (as {@code
 *     brmh.cache-worker.instance-id})
 */
@ConfigurationProperties("brmh.namespace-worker")
public record NamespaceWorkerConfiguration(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "10s") Duration sessionTimeout,
    @Bindable(defaultValue = "5s") Duration maxRetryBackoff,
    @Nullable String instanceId) {}
