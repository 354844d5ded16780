package io.brmh.platform.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How processes keep the active cache configurations in memory, {@code
 * brmh.cache.config-refresh.*}.
 *
 * @param poll how often the version counter is read to find out whether a configuration changed
 *     (default 1 s): what the cache health and the bridge see may be this old; changes being
 *     applied never are (they read the counter themselves)
 * @param fullRefresh how often the configurations are read again even if the counter did not move
 *     (default 1 min): covers a writer that died between writing a configuration and moving the
 *     counter, and a counter Redis set back to a value a holder had seen (a failover that lost the
 *     last increment)
 * @param maxWait how long applying a change waits for configurations newer than the counter says
 *     before it gives up and is tried again (default 10 s)
 */
@ConfigurationProperties("brmh.cache.config-refresh")
public record CacheConfigRefresh(
    @Bindable(defaultValue = "1s") Duration poll,
    @Bindable(defaultValue = "1m") Duration fullRefresh,
    @Bindable(defaultValue = "10s") Duration maxWait) {}
