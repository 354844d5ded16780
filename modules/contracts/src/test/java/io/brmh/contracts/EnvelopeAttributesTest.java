package io.brmh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeAttributesTest {

  private final EnvelopeAttributes attributes =
      new EnvelopeAttributes(
          "evt-1",
          MessageType.CACHE_TABLE_REQUESTED,
          "/brmh/gateway",
          Instant.parse("2026-11-23T19:01:02.123Z"),
          "shop-users",
          "job-9",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

  @Test
  void headersCarryEveryAttributeInCloudEventsKafkaNames() {
    assertThat(attributes.toHeaders())
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", "evt-1")
        .containsEntry("ce_type", "brmh.cache.table-requested.v1")
        .containsEntry("ce_source", "/brmh/gateway")
        .containsEntry("ce_time", "2026-11-23T19:01:02.123Z")
        .containsEntry("ce_subject", "shop-users")
        .containsEntry("content-type", "application/json")
        .containsEntry("ce_brmhjobid", "job-9")
        .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void headersReadBackToEqualAttributes() {
    assertThat(EnvelopeAttributes.fromHeaders(attributes.toHeaders())).isEqualTo(attributes);
  }

  @Test
  void optionalAttributesAreLeftOutWhenAbsent() {
    EnvelopeAttributes plain =
        EnvelopeAttributes.create(
            MessageType.TABLE_ITEM_CHANGED, "/brmh/stream-bridge", "shop-users");
    assertThat(plain.toHeaders()).doesNotContainKeys("ce_brmhjobid", "traceparent");
    assertThat(EnvelopeAttributes.fromHeaders(plain.toHeaders())).isEqualTo(plain);
  }

  @Test
  void missingHeaderIsNamedInTheError() {
    Map<String, String> headers = new HashMap<>(attributes.toHeaders());
    headers.remove("ce_source");
    assertThatThrownBy(() -> EnvelopeAttributes.fromHeaders(headers))
        .isInstanceOf(MalformedEnvelopeException.class)
        .extracting(e -> ((MalformedEnvelopeException) e).header())
        .isEqualTo("ce_source");
  }

  @Test
  void unknownTypeIsRejected() {
    Map<String, String> headers = new HashMap<>(attributes.toHeaders());
    headers.put("ce_type", "brmh.cache.table-requested.v9");
    assertThatThrownBy(() -> EnvelopeAttributes.fromHeaders(headers))
        .hasMessageContaining("ce_type");
  }

  @Test
  void tableMessagesAreKeyedByTheirTableWhateverTheSubject() {
    var request =
        new Envelope<>(
            EnvelopeAttributes.create(
                MessageType.CACHE_TABLE_REQUESTED, "/brmh/gateway", "cache:shop:shop-users"),
            new io.brmh.contracts.cache.CacheTableRequested(
                "job-9", "shop", "shop-users", 1, null, "user-7"));
    var change =
        new Envelope<>(
            EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/bridge", "anything"),
            new io.brmh.contracts.table.TableItemChanged(
                io.brmh.contracts.table.TableItemChanged.Operation.REMOVE,
                java.util.Map.of("id", "a"),
                null,
                null,
                new io.brmh.contracts.table.TableItemChanged.Source(
                    "shop-users",
                    io.brmh.contracts.table.TableItemChanged.Origin.API,
                    null,
                    null,
                    null,
                    null)));
    assertThat(request.key()).isEqualTo("shop-users");
    assertThat(change.key()).isEqualTo("shop-users");
  }

  @Test
  void jobEventsAreKeyedByJobIdAndTableMessagesByTable() {
    var jobEvent =
        new Envelope<>(
            EnvelopeAttributes.create(
                    MessageType.JOB_ACCEPTED, "/brmh/gateway", "cache:shop:shop-users")
                .withJobId("job-9"),
            new io.brmh.contracts.job.JobEvent(
                "job-9",
                "cache.table",
                "cache:shop:shop-users",
                "user-7",
                io.brmh.contracts.job.JobStatus.ACCEPTED,
                null,
                null,
                null,
                Instant.now()));
    var request =
        new Envelope<>(
            attributes,
            new io.brmh.contracts.cache.CacheTableRequested(
                "job-9", "shop", "shop-users", 1, null, "user-7"));
    assertThat(jobEvent.key()).isEqualTo("job-9");
    assertThat(request.key()).isEqualTo("shop-users");
  }

  @Test
  void payloadMustMatchTheType() {
    assertThatThrownBy(() -> new Envelope<>(attributes, "not a request"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
