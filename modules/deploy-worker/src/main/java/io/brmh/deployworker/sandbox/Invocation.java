package io.brmh.deployworker.sandbox;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How one invocation ended.
 *
 * @param result the handler's answer as JSON ({@code null} when it answered nothing), on success
 * @param error what went wrong otherwise: the function's own error with its stack, or the limit
 *     that stopped it
 * @param logs what it wrote to the console, cut at the limit
 */
public record Invocation(
    Outcome outcome,
    @Nullable String result,
    @Nullable String error,
    String logs,
    Duration duration) {

  /** How an invocation ended. */
  public enum Outcome {
    SUCCEEDED,
    /** The function threw, or its promise was rejected. */
    FUNCTION_ERROR,
    /** Stopped at its timeout. */
    TIMED_OUT,
    /** Stopped at its allocation or statement bound. */
    LIMIT_EXCEEDED
  }
}
