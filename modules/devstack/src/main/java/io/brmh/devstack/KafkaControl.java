package io.brmh.devstack;

/** The devstack's Kafka broker, for tests that restart it under running clients. */
public interface KafkaControl {
  /** Shuts the broker down (clients see it gone) and starts it again on the same ports and logs. */
  void restart() throws Exception;
}
