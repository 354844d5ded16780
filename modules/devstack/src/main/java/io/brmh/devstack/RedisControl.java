package io.brmh.devstack;

/**
 * The devstack's redis-server, for tests that take it away from the application from outside its
 * process, as a crash or a restart would.
 */
public interface RedisControl {
  /** Kills redis-server at once (SIGKILL): nothing is saved, clients see connections drop. */
  void kill();

  /**
   * Starts redis-server again on the same port, with the data it persisted (none in tests: empty).
   */
  void start() throws Exception;

  /**
   * Freezes redis-server (SIGSTOP): connections stay open and nothing answers, as on a hung or
   * partitioned server.
   */
  void pause();

  /** Lets a paused redis-server go on (SIGCONT), with all its data. */
  void resume();
}
