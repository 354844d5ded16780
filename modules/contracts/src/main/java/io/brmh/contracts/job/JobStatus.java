package io.brmh.contracts.job;

/** Where a job is in its life: {@code ACCEPTED → RUNNING → SUCCEEDED | FAILED | CANCELLED}. */
public enum JobStatus {
  ACCEPTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** A terminal status never changes again. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
