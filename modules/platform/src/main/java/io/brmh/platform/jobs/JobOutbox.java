package io.brmh.platform.jobs;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The command of a job, kept in DynamoDB from before the job is accepted until Kafka has it, so
 * that a process dying between the two leaves something to send it again ({@link JobOutboxRelay})
 * instead of a job accepted for ever.
 */
@Singleton
public class JobOutbox {
  private static final String TOPIC = "topic";
  private static final String KEY = "key";
  private static final String VALUE = "value";
  private static final String HEADERS = "headers";
  private static final String SINCE = "since";

  private final DynamoDbClient dynamo;
  private final JobOutboxTable table;

  JobOutbox(DynamoDbClient dynamo, JobOutboxTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** A command not yet known to be in Kafka. */
  record Pending(String jobId, ProducerRecord<String, byte[]> record, Instant since) {}

  public void put(String jobId, ProducerRecord<String, byte[]> record) {
    Map<String, AttributeValue> headers = new HashMap<>();
    record
        .headers()
        .forEach(
            header ->
                headers.put(
                    header.key(),
                    AttributeValue.fromS(new String(header.value(), StandardCharsets.UTF_8))));
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        JobOutboxTable.JOB_ID,
                        AttributeValue.fromS(jobId),
                        TOPIC,
                        AttributeValue.fromS(record.topic()),
                        KEY,
                        AttributeValue.fromS(record.key()),
                        VALUE,
                        AttributeValue.fromB(SdkBytes.fromByteArray(record.value())),
                        HEADERS,
                        AttributeValue.fromM(headers),
                        SINCE,
                        AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli())))));
  }

  void delete(String jobId) {
    dynamo.deleteItem(
        b ->
            b.tableName(table.name())
                .key(Map.of(JobOutboxTable.JOB_ID, AttributeValue.fromS(jobId))));
  }

  List<Pending> pendingSince(Instant before) {
    return dynamo
        .scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
        .items()
        .stream()
        .map(JobOutbox::fromItem)
        .filter(pending -> pending.since().isBefore(before))
        .toList();
  }

  private static Pending fromItem(Map<String, AttributeValue> item) {
    var record =
        new ProducerRecord<>(
            item.get(TOPIC).s(), item.get(KEY).s(), item.get(VALUE).b().asByteArray());
    item.get(HEADERS)
        .m()
        .forEach(
            (name, value) ->
                record.headers().add(name, value.s().getBytes(StandardCharsets.UTF_8)));
    return new Pending(
        item.get(JobOutboxTable.JOB_ID).s(),
        record,
        Instant.ofEpochMilli(Long.parseLong(item.get(SINCE).n())));
  }
}
