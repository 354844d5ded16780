package io.brmh.scrapeworker.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How webhook calls are tried, {@code brmh.webhooks.*}. What may be called, and how long a call may
 * take, is the outbound client's ({@code brmh.outbound.*}).
 *
 * @param attempts tries of one call, the first included (default 6); then it goes to {@code
 *     brmh.webhook-deliveries.dlq}
 * @param firstPause the wait after the first failed try (default 1 s), doubled after each one; a
 *     receiver's {@code Retry-After} is honoured instead
 * @param longestPause the longest wait between two tries (default 30 s)
 * @param budget how long one call is tried from its first try (default 2 min, the outbound client's
 *     deadline of 30 s per try included): while it waits, the webhooks behind it on its partition
 *     wait too, so a receiver that stays away is given up on by then
 */
@ConfigurationProperties("brmh.webhooks")
public record WebhookDeliveryConfiguration(
    @Bindable(defaultValue = "6") @Min(1) @Max(20) int attempts,
    @Bindable(defaultValue = "1s") Duration firstPause,
    @Bindable(defaultValue = "30s") Duration longestPause,
    @Bindable(defaultValue = "2m") Duration budget) {}
