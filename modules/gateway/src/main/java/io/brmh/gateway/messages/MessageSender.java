package io.brmh.gateway.messages;

/**
 * Delivers messages to people. Which one is chosen by {@code brmh.messages.sender}: {@code outbox}
 * (the local run and tests: {@link LocalOutbox}), {@code aws} (SNS and SES: {@link
 * AwsMessageSender}) or {@code none} ({@link NoSender}).
 */
public interface MessageSender {
  /**
   * @throws RuntimeException when the message could not be handed over; the caller answers 503
   */
  void send(OutboundMessage message);
}
