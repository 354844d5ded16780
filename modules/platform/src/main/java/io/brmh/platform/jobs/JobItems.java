package io.brmh.platform.jobs;

import static io.brmh.platform.jobs.JobsTable.CANCEL_REQUESTED;
import static io.brmh.platform.jobs.JobsTable.CREATED_AT;
import static io.brmh.platform.jobs.JobsTable.ENDED_AT;
import static io.brmh.platform.jobs.JobsTable.ERROR;
import static io.brmh.platform.jobs.JobsTable.ID;
import static io.brmh.platform.jobs.JobsTable.OWNER;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_DONE;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_TOTAL;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_UNIT;
import static io.brmh.platform.jobs.JobsTable.RESULT;
import static io.brmh.platform.jobs.JobsTable.STATUS;
import static io.brmh.platform.jobs.JobsTable.SUBJECT;
import static io.brmh.platform.jobs.JobsTable.TYPE;
import static io.brmh.platform.jobs.JobsTable.UPDATED_AT;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps jobs to DynamoDB items and back. Result and error are stored as JSON strings. */
@Singleton
class JobItems {
  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final JsonMapper json;

  JobItems(JsonMapper json) {
    this.json = json;
  }

  Map<String, AttributeValue> toItem(Job job) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, AttributeValue.fromS(job.id()));
    item.put(TYPE, AttributeValue.fromS(job.type()));
    item.put(SUBJECT, AttributeValue.fromS(job.subject()));
    item.put(OWNER, AttributeValue.fromS(job.owner()));
    item.put(STATUS, AttributeValue.fromS(job.status().name()));
    item.put(CANCEL_REQUESTED, AttributeValue.fromBool(job.cancelRequested()));
    item.put(CREATED_AT, millis(job.createdAt()));
    item.put(UPDATED_AT, millis(job.updatedAt()));
    if (!job.status().isTerminal()) {
      item.put(JobsTable.OPEN, AttributeValue.fromS(JobsTable.OPEN_VALUE));
    }
    return item;
  }

  Job fromItem(Map<String, AttributeValue> item) {
    JobEvent.Progress progress =
        item.containsKey(PROGRESS_DONE)
            ? new JobEvent.Progress(
                Long.parseLong(item.get(PROGRESS_DONE).n()),
                item.containsKey(PROGRESS_TOTAL)
                    ? Long.valueOf(item.get(PROGRESS_TOTAL).n())
                    : null,
                item.get(PROGRESS_UNIT).s())
            : null;
    return new Job(
        item.get(ID).s(),
        item.get(TYPE).s(),
        item.get(SUBJECT).s(),
        item.get(OWNER).s(),
        JobStatus.valueOf(item.get(STATUS).s()),
        progress,
        item.containsKey(RESULT) ? read(item.get(RESULT).s(), JSON_OBJECT) : null,
        item.containsKey(ERROR)
            ? read(item.get(ERROR).s(), Argument.of(JobEvent.Problem.class))
            : null,
        item.containsKey(CANCEL_REQUESTED)
            && Boolean.TRUE.equals(item.get(CANCEL_REQUESTED).bool()),
        instant(item.get(CREATED_AT)),
        instant(item.get(UPDATED_AT)),
        item.containsKey(ENDED_AT) ? instant(item.get(ENDED_AT)) : null);
  }

  AttributeValue jsonValue(Object value) {
    try {
      return AttributeValue.fromS(json.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
  }

  private static Instant instant(AttributeValue value) {
    return Instant.ofEpochMilli(Long.parseLong(value.n()));
  }

  private <T> T read(String text, Argument<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
