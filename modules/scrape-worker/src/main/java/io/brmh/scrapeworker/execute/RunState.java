package io.brmh.scrapeworker.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run keeps on its job ({@code JobRegistry.checkpoint}) so that a worker taking it over
 * after a crash goes on where it was, and tells the run's webhooks exactly what the first worker
 * would have: when it started, whether the start was announced, the page it is at, and, once
 * decided, how it ends.
 *
 * @param startedAt when the run started (ISO-8601): the pre-exec calls' time, the same on a repeat
 * @param announced whether the pre-exec calls are on Kafka
 * @param at the page position, or null before the first page
 * @param ending how the run ends, recorded before the post-exec calls are asked for
 */
record RunState(
    String startedAt, boolean announced, @Nullable Checkpoint at, @Nullable Ending ending) {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * How a run ends: its job's status, when, and its result or its error.
   *
   * @param occurredAt when it was decided: the post-exec calls' time
   */
  record Ending(
      JobStatus status,
      String occurredAt,
      @Nullable Map<String, Object> result,
      @Nullable JobEvent.Problem error) {

    static Ending of(
        JobStatus status, @Nullable Map<String, Object> result, JobEvent.Problem error) {
      return new Ending(status, Instant.now().toString(), result, error);
    }

    /** What the post-exec calls tell of it: {@code result} or {@code error}. */
    Map<String, Object> told() {
      Map<String, Object> told = new LinkedHashMap<>();
      if (result != null) {
        told.put("result", result);
      }
      if (error != null) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("type", error.type());
        shown.put("title", error.title());
        shown.put("status", error.status());
        shown.put("detail", error.detail());
        told.put("error", shown);
      }
      return told;
    }
  }

  static RunState fresh() {
    return new RunState(Instant.now().toString(), false, null, null);
  }

  RunState afterAnnouncing() {
    return new RunState(startedAt, true, at, ending);
  }

  RunState at(Checkpoint position) {
    return new RunState(startedAt, announced, position, ending);
  }

  RunState ended(Ending end) {
    return new RunState(startedAt, announced, at, end);
  }

  String write() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run's state always writes", e);
    }
  }

  /**
   * The state a worker wrote; a bare page position, as the first release of the scrape worker kept,
   * is a run already announced.
   */
  static RunState read(String text) {
    try {
      JsonNode tree = JSON.readTree(text);
      if (tree.has("next") || tree.has("style")) {
        return new RunState(
            Instant.now().toString(), true, JSON.treeToValue(tree, Checkpoint.class), null);
      }
      return JSON.treeToValue(tree, RunState.class);
    } catch (IOException e) {
      // Never readable: the command goes to the dead-letter topic, which fails its job.
      throw new IllegalArgumentException("the run's state on its job cannot be read", e);
    }
  }
}
