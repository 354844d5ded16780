package io.brmh.platform.outbound;

/**
 * A request BRMH would not send, or an answer it would not take: an address it never calls, a
 * scheme other than http(s), too many redirects, a body too large or too slow, a type not asked
 * for. The message says which, and is safe to show to the user who gave the URL.
 */
public class OutboundRefusedException extends RuntimeException {
  public OutboundRefusedException(String reason) {
    super(reason);
  }
}
