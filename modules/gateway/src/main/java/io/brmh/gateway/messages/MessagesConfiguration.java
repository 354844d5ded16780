package io.brmh.gateway.messages;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How e-mail and text messages (verification codes) leave the gateway ({@code brmh.messages.*}).
 *
 * @param sender {@code outbox} (the default: kept in the local outbox, readable by administrators),
 *     {@code aws} (SES for e-mail, SNS for text messages) or {@code none}
 * @param emailFrom the sender address of e-mail, one SES has verified; required with {@code aws}
 */
@ConfigurationProperties("brmh.messages")
public record MessagesConfiguration(
    @Bindable(defaultValue = "outbox") String sender, @Nullable String emailFrom) {}
