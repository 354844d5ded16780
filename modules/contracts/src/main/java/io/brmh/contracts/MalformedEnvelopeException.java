package io.brmh.contracts;

/**
 * A Kafka record whose envelope headers are missing or invalid. Such a record is dead-lettered,
 * never retried.
 */
public class MalformedEnvelopeException extends IllegalArgumentException {
  private final String header;

  public MalformedEnvelopeException(String header, String reason) {
    super(header + ": " + reason);
    this.header = header;
  }

  /** The header at fault. */
  public String header() {
    return header;
  }
}
