package io.brmh.deployworker.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * The embedded JavaScript engine functions run in (GraalJS, interpreted on a stock JDK), under
 * GraalVM's constrained sandbox policy: no host classes, files, processes, threads, native code or
 * environment. One engine for the process shares parsed code among contexts; each function gets
 * contexts of its own ({@link LoadedFunction}), and a watchdog stops an invocation at its limits.
 */
public final class JsSandbox implements AutoCloseable {
  private final Engine engine;
  private final ScheduledExecutorService watchdog;
  private final Source prelude;
  private final SandboxFetch fetch;

  /**
   * @param fetch how functions reach the network; the only way they do
   */
  public JsSandbox(SandboxFetch fetch) {
    this.fetch = fetch;
    engine =
        Engine.newBuilder("js")
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            // Stock JDK: the interpreter only, known and accepted.
            .option("engine.WarnInterpreterOnly", "false")
            .build();
    watchdog =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    prelude = Source.create("js", resource("prelude.js"));
  }

  /**
   * A function ready to invoke: its code is checked when its first context is made, on the first
   * invocation.
   *
   * @param environment its environment variables, the only ones {@code process.env} shows
   */
  public LoadedFunction load(
      FunctionCode code, Map<String, String> environment, SandboxLimits limits) {
    return new LoadedFunction(engine, watchdog, prelude, fetch, code, environment, limits);
  }

  private static String resource(String name) {
    try (InputStream in = JsSandbox.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the sandbox's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    engine.close(true);
  }
}
