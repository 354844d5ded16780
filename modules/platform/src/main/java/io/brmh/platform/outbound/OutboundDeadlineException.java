package io.brmh.platform.outbound;

/**
 * The target did not answer in full within the deadline. Refused like any answer BRMH will not
 * take, but a caller that tries again later (a webhook delivery) may tell it apart: a slow target
 * can be quicker next time, a forbidden address never is allowed.
 */
public class OutboundDeadlineException extends OutboundRefusedException {
  public OutboundDeadlineException(String reason) {
    super(reason);
  }
}
