package io.brmh.platform.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long each gateway instance keeps the answers of the lookups every request makes to authorize
 * itself: a namespace role, an API key, whether an access token was revoked. Without it each
 * request costs a DynamoDB read or a Redis call per lookup.
 *
 * @param ttl how long an answer is kept (default 5 s). A change made through this instance applies
 *     here at once; a role taken back, an API key or an access token revoked through another
 *     instance keeps working here for at most this long.
 * @param maxEntries answers kept per kind of lookup (default 100,000); the least recently used go
 *     first
 */
@ConfigurationProperties("brmh.auth.lookup-cache")
public record LookupCaching(
    @Bindable(defaultValue = "5s") Duration ttl,
    @Bindable(defaultValue = "100000") int maxEntries) {}
