package io.brmh.gateway.auth.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The keys access tokens are signed with ({@code brmh.auth.signing-keys.*}).
 *
 * @param table the DynamoDB table of signing keys, sealed under {@code brmh.jwt.secret} (default
 *     {@code brmh-signing-keys})
 * @param rotateAfter age at which a signing key is replaced by a new one; the old one keeps
 *     verifying until the tokens it signed expired (default 30 days)
 * @param refresh how often each gateway instance re-reads the keys (default 30 s): a key revoked on
 *     another instance stops verifying here within this time. The schedule reads the property
 *     itself, so its default there must stay the same
 */
@ConfigurationProperties("brmh.auth.signing-keys")
public record SigningKeyConfiguration(
    @Bindable(defaultValue = "brmh-signing-keys") String table,
    @Bindable(defaultValue = "30d") Duration rotateAfter,
    @Bindable(defaultValue = "30s") Duration refresh) {}
