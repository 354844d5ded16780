package io.brmh.deployworker.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A context's console, kept per invocation up to a bound: what a function writes beyond it is
 * counted, not kept, so a function that logs in a loop cannot fill the worker's memory.
 */
final class InvocationLog extends OutputStream {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private int limit;
  private long dropped;

  synchronized void start(int limit) {
    kept.reset();
    this.limit = limit;
    dropped = 0;
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < limit) {
      kept.write(b);
    } else {
      dropped++;
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int room = Math.max(0, Math.min(length, limit - kept.size()));
    kept.write(bytes, offset, room);
    dropped += length - room;
  }

  synchronized String text() {
    String text = kept.toString(StandardCharsets.UTF_8);
    return dropped == 0 ? text : text + "\n[" + dropped + " more bytes of log cut]\n";
  }
}
