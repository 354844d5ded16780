package io.brmh.scrapeworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The scrape worker's settings, {@code brmh.scrape-worker.*}. What it may fetch, and how much, is
 * the outbound client's ({@code brmh.outbound.*}).
 *
 * @param enabled whether this process runs the scrape worker (default true; a gateway deployed
 *     alone sets false)
 * @param sessionTimeout how long a silent worker keeps its partitions (default 10 s): after a
 *     crash, its namespaces' imports wait this long before another worker runs them again
 * @param maxRetryBackoff the longest wait between two tries of a job that keeps failing because
 *     DynamoDB or Kafka is unavailable (default 5 s)
 * @param maxReferencedDocuments how many documents one description may refer to through {@code
 *     $ref}s (default 50), each fetched and bounded like the description
 * @param maxLinkedCandidates how many of the descriptions an HTML page links are tried, in the
 *     page's order, before the import reports none (default 5)
 * @param instanceId a stable name for this worker among the running ones, or unset (as {@code
 *     brmh.cache-worker.instance-id})
 */
@ConfigurationProperties("brmh.scrape-worker")
public record ScrapeWorkerConfiguration(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "10s") Duration sessionTimeout,
    @Bindable(defaultValue = "5s") Duration maxRetryBackoff,
    @Bindable(defaultValue = "50") int maxReferencedDocuments,
    @Bindable(defaultValue = "5") int maxLinkedCandidates,
    @Nullable String instanceId) {}
