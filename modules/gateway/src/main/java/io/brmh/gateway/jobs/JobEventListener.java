package io.brmh.gateway.jobs;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.MalformedEnvelopeException;
import io.brmh.contracts.Topic;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every gateway instance reads every job event (a consumer group of its own), so a WebSocket
 * subscriber on any instance hears about jobs accepted or run anywhere. It starts at the newest
 * events: a client that reconnects asks for the current state instead.
 */
@KafkaListener(
    groupId = ConsumerGroups.GATEWAY_FANOUT,
    uniqueGroupId = true,
    offsetReset = OffsetReset.LATEST)
class JobEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(JobEventListener.class);

  private final EnvelopeRecords records;
  private final List<JobEventSink> sinks;

  JobEventListener(EnvelopeRecords records, List<JobEventSink> sinks) {
    this.records = records;
    this.sinks = sinks;
  }

  @io.micronaut.configuration.kafka.annotation.Topic(Topic.Names.JOB_EVENTS)
  void receive(ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = records.fromRecord(record);
    } catch (MalformedEnvelopeException | UncheckedIOException unreadable) {
      // Every instance reads every event in a group of its own: one of them dead-lettering it would
      // mean one letter per instance. Notifications only; the job's state is in the jobs table.
      LOG.warn(
          "Skipped unreadable job event {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          unreadable.getMessage());
      return;
    }
    if (envelope.payload() instanceof JobEvent event) {
      sinks.forEach(sink -> sink.onJobEvent(envelope.attributes(), event));
    } else {
      LOG.warn(
          "Skipped {} on the job events topic at {}@{}",
          envelope.attributes().type().wireName(),
          record.partition(),
          record.offset());
    }
  }
}
