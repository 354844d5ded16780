package io.brmh.cacheworker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The cache worker's settings, {@code brmh.cache-worker.*}.
 *
 * @param enabled whether this process runs the cache worker (default true; the gateway alone sets
 *     false)
 * @param pageSize items per scan page of a new bulk load (default 1,000): memory against round
 *     trips
 * @param scanSegments parallel scan segments of a new bulk load (default 4; more for large tables
 *     on DynamoDB)
 * @param sessionTimeout how long a silent worker keeps its partitions (default 10 s): after a
 *     crash, its tables wait this long before another worker takes them over and resumes their
 *     loads
 * @param maxRetryBackoff the longest wait between two tries of a change or load that keeps failing
 *     because Redis, DynamoDB or Kafka is unavailable (default 5 s); such records are tried again
 *     without limit
 * @param healInterval how often the worker looks for caches Redis lost, to rebuild them (default 5
 *     s)
 * @param instanceId a stable name for this worker, unique among the running ones (a StatefulSet
 *     pod's name, for example), or unset: a worker restarted under the same name takes its tables
 *     back at once, without waiting for the session timeout or moving other workers' tables; one
 *     stopped for good keeps its tables for the session timeout, since a named member does not
 *     leave the group when it stops
 */
@ConfigurationProperties("brmh.cache-worker")
public record CacheWorkerConfiguration(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "1000") int pageSize,
    @Bindable(defaultValue = "4") int scanSegments,
    @Bindable(defaultValue = "10s") Duration sessionTimeout,
    @Bindable(defaultValue = "5s") Duration maxRetryBackoff,
    @Bindable(defaultValue = "5s") Duration healInterval,
    @Nullable String instanceId) {

  public CacheWorkerConfiguration {
    if (pageSize < 1 || scanSegments < 1) {
      throw new IllegalArgumentException(
          "brmh.cache-worker.page-size and scan-segments must be at least 1, not "
              + pageSize
              + " and "
              + scanSegments);
    }
  }
}
