package io.brmh.gateway.messages;

/**
 * A message to a person: an e-mail or a text message. It may hold a one-time code, so it is never
 * logged and {@link #toString()} leaves the body out.
 *
 * @param to an e-mail address or an E.164 phone number
 * @param subject the e-mail subject; unused for text messages
 */
public record OutboundMessage(Channel channel, String to, String subject, String body) {

  public enum Channel {
    EMAIL,
    SMS
  }

  @Override
  public String toString() {
    return "OutboundMessage[" + channel + " to " + to + ": " + subject + "]";
  }
}
