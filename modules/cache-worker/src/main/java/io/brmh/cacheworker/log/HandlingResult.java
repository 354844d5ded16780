package io.brmh.cacheworker.log;

import io.brmh.cacheworker.bulk.BulkLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** What handling one table-log record led to. */
sealed interface HandlingResult {
  /** Done; the record may be committed. */
  record Done() implements HandlingResult {}

  /** A bulk load started; the partition waits for it. {@code stop} asks it to checkpoint and stop. */
  record BulkStarted(CompletableFuture<BulkLoader.Outcome> outcome, AtomicBoolean stop) implements HandlingResult {}

  /** Failed in a way that may pass on a later attempt. */
  record Retry(Exception cause) implements HandlingResult {}

  /** Can never succeed; goes to the dead-letter topic. */
  record Poison(Exception cause) implements HandlingResult {}
}
