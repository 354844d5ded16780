package io.brmh.gateway.messages;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Where sending is switched off ({@code brmh.messages.sender: none}): every message fails, so
 * signups answer 503 instead of codes landing somewhere nobody reads.
 */
@Singleton
@Requires(property = "brmh.messages.sender", value = "none")
class NoSender implements MessageSender {
  @Override
  public void send(OutboundMessage message) {
    throw new IllegalStateException(
        "no message sender is configured (brmh.messages.sender is none)");
  }
}
