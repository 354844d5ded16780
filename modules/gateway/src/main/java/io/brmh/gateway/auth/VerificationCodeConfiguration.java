package io.brmh.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * One-time codes sent by e-mail or text message ({@code brmh.auth.codes.*}).
 *
 * @param lifetime how long a code works after it was sent (default 15 min)
 * @param attempts wrong entries a code allows before it is void (default 5)
 */
@ConfigurationProperties("brmh.auth.codes")
public record VerificationCodeConfiguration(
    @Bindable(defaultValue = "15m") Duration lifetime,
    @Bindable(defaultValue = "5") int attempts) {}
