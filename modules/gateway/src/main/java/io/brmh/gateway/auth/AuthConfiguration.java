package io.brmh.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Identity: how long sessions last, where the client address comes from, and the tables accounts
 * live in ({@code brmh.auth.*}). Rate limits, verification codes, signing keys and the lookup cache
 * have records of their own.
 *
 * @param refreshTokenLifetime how long a refresh token works before its holder must log in again
 *     (default 30 days)
 * @param trustedProxyHops how many proxies of ours stand in front of the gateway (a load balancer:
 *     1); the client address is then the entry they appended to {@code X-Forwarded-For}, counted
 *     from the right (default 0: the connection's peer)
 * @param refreshTokensTable the DynamoDB table of refresh-token families (default {@code
 *     brmh-refresh-tokens})
 * @param verificationCodesTable the DynamoDB table of one-time codes (default {@code
 *     brmh-verification-codes})
 * @param apiKeysTable the DynamoDB table of API keys (default {@code brmh-api-keys})
 * @param identitiesTable the DynamoDB table linking OpenID Connect identities to accounts (default
 *     {@code brmh-identities})
 */
@ConfigurationProperties("brmh.auth")
public record AuthConfiguration(
    @Bindable(defaultValue = "30d") Duration refreshTokenLifetime,
    @Bindable(defaultValue = "0") int trustedProxyHops,
    @Bindable(defaultValue = "brmh-refresh-tokens") String refreshTokensTable,
    @Bindable(defaultValue = "brmh-verification-codes") String verificationCodesTable,
    @Bindable(defaultValue = "brmh-api-keys") String apiKeysTable,
    @Bindable(defaultValue = "brmh-identities") String identitiesTable) {}
