package io.brmh.devstack;

/** One real server of the devstack. */
interface ManagedServer extends AutoCloseable {
  /** Starts the server and returns once it accepts requests. */
  void start() throws Exception;

  /** Stops the server and frees what it holds; safe to call when it never started. */
  @Override
  void close();
}
