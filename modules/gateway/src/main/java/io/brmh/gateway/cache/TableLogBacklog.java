package io.brmh.gateway.cache;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Topic;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.platform.jobs.Job;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * How many changes wait on the table log: per partition, the distance from the cache worker's
 * committed offset to the end, and the bulk loads running in that partition (a table's records go
 * to the partition Kafka's default partitioner picks for its name).
 */
@Singleton
class TableLogBacklog {
  private final AdminClient admin;

  TableLogBacklog(AdminClient admin) {
    this.admin = admin;
  }

  Map<String, Object> describe(List<Job> activeBulkJobs) {
    String topic = Topic.TABLE_LOG.topicName();
    try {
      int partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(5, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .size();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(ConsumerGroups.CACHE_WORKER)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(topic, p));
      }
      var ends =
          admin
              .listOffsets(all.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(5, TimeUnit.SECONDS);
      Map<String, Object> pending = new TreeMap<>();
      long total = 0;
      for (TopicPartition partition : all) {
        OffsetAndMetadata offset = committed.get(partition);
        long lag = ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
        List<String> behind =
            activeBulkJobs.stream()
                .filter(job -> partitionOf(table(job), partitions) == partition.partition())
                .map(job -> CacheJobSubject.cacheOf(job.subject()))
                .toList();
        if (lag > 0 || !behind.isEmpty()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("count", lag);
          entry.put("waitingBehind", behind);
          pending.put("partition-" + partition.partition(), entry);
          total += lag;
        }
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("message", "Pending cache updates retrieved");
      body.put("pendingUpdates", pending);
      body.put("totalPending", total);
      body.put("operationCount", activeBulkJobs.size());
      body.put("timestamp", Instant.now().toString());
      return body;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new io.brmh.platform.problem.ProblemException(
          io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE,
          "queue-unavailable",
          "Kafka did not answer.");
    }
  }

  private static String table(Job job) {
    return CacheJobSubject.tableOf(job.subject());
  }

  /** Kafka's default partitioner for a keyed record. */
  static int partitionOf(String table, int partitions) {
    return Utils.toPositive(Utils.murmur2(table.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
