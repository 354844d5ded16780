package io.brmh.deployworker.sandbox;

import java.time.Duration;

/**
 * What one invocation of a function may use before it is stopped.
 *
 * @param timeout wall time for the whole invocation (the function's timeout)
 * @param allocationBytes bytes the invocation may allocate, a bound that stops a memory blow-up
 *     long before it reaches the worker's heap (the sandbox of a stock JDK measures no live heap
 *     per context: this counts every allocation of the invoking thread, garbage included)
 * @param statements JavaScript statements the invocation may run
 * @param logBytes console output kept per invocation; the rest is cut
 */
public record SandboxLimits(Duration timeout, long allocationBytes, long statements, int logBytes) {

  /**
   * The limits for a function's memory and timeout settings: it may allocate eight times its memory
   * (an interpreter allocates as it goes; a blow-up allocates far more).
   */
  public static SandboxLimits of(int memoryMb, Duration timeout) {
    return new SandboxLimits(timeout, memoryMb * 8L * 1024 * 1024, 50_000_000L, 64 * 1024);
  }
}
