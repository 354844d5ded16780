package io.brmh.gateway.jobs;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.MalformedEnvelopeException;
import io.brmh.contracts.Topic;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every gateway instance reads every job event (a consumer group of its own), so a WebSocket
 * subscriber on any instance hears about jobs accepted or run anywhere. It starts at the newest
 * events: a client that reconnects asks for the current state instead.
 */
@KafkaListener(groupId = "brmh-gateway-fanout", uniqueGroupId = true, offsetReset = OffsetReset.LATEST)
class JobEventListener {
  private final EnvelopeRecords records;
  private final DeadLetters deadLetters;
  private final List<JobEventSink> sinks;

  JobEventListener(EnvelopeRecords records, DeadLetters deadLetters, List<JobEventSink> sinks) {
    this.records = records;
    this.deadLetters = deadLetters;
    this.sinks = sinks;
  }

  @io.micronaut.configuration.kafka.annotation.Topic(Topic.Names.JOB_EVENTS)
  void receive(ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = records.fromRecord(record);
    } catch (MalformedEnvelopeException | UncheckedIOException unreadable) {
      deadLetters.deadLetter(record, unreadable);
      return;
    }
    if (envelope.payload() instanceof JobEvent event) {
      sinks.forEach(sink -> sink.onJobEvent(envelope.attributes(), event));
    } else {
      deadLetters.deadLetter(record, new IllegalArgumentException(envelope.attributes().type().wireName() + " does not belong on job events"));
    }
  }
}
