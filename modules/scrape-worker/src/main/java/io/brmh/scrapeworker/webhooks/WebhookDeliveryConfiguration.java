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
 * @param longestPause the longest wait between two tries (default 60 s): with the defaults a call
 *     is given up about half a minute after its first try, while it holds up the webhooks behind it
 *     on its partition
 */
@ConfigurationProperties("brmh.webhooks")
public record WebhookDeliveryConfiguration(
    @Bindable(defaultValue = "6") @Min(1) @Max(20) int attempts,
    @Bindable(defaultValue = "1s") Duration firstPause,
    @Bindable(defaultValue = "60s") Duration longestPause) {}
