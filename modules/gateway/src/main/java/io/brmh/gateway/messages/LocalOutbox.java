package io.brmh.gateway.messages;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Where messages go when nothing may really be sent (the local run, tests): a list per recipient in
 * Redis, newest last, kept a day, which the local administrator reads at {@code GET /local/outbox}
 * and tests read here. Real codes never reach a log this way either.
 */
@Singleton
@Requires(property = "brmh.messages.sender", value = "outbox", defaultValue = "outbox")
public class LocalOutbox implements MessageSender {
  private static final String PREFIX = "{brmh}:outbox:";
  private static final int KEPT_PER_RECIPIENT = 50;
  private static final Duration KEPT_FOR = Duration.ofDays(1);

  private final RedissonClient redis;
  private final JsonMapper json;

  LocalOutbox(RedissonClient redis, JsonMapper json) {
    this.redis = redis;
    this.json = json;
  }

  /** One message as the outbox keeps it. */
  @Serdeable
  public record Delivered(
      OutboundMessage.Channel channel, String to, String subject, String body, Instant at) {}

  @Override
  public void send(OutboundMessage message) {
    RList<String> list = list(message.to());
    try {
      list.add(
          json.writeValueAsString(
              new Delivered(
                  message.channel(),
                  message.to(),
                  message.subject(),
                  message.body(),
                  Instant.now())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    list.trim(-KEPT_PER_RECIPIENT, -1);
    list.expire(KEPT_FOR);
  }

  /** The messages sent to {@code to}, oldest first. */
  public List<Delivered> messagesTo(String to) {
    return list(to).readAll().stream()
        .map(
            text -> {
              try {
                return json.readValue(text, Delivered.class);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private RList<String> list(String to) {
    return redis.getList(
        PREFIX + to.trim().toLowerCase(java.util.Locale.ROOT), StringCodec.INSTANCE);
  }
}
