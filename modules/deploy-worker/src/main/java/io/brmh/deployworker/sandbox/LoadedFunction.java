package io.brmh.deployworker.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One version of a function in the sandbox. An invocation takes a warm context (its modules loaded,
 * its globals as the last invocation left them, as a Lambda container keeps them) or makes one; a
 * watchdog stops it at its timeout or allocation bound by closing the context, which is then thrown
 * away. Contexts are used by one invocation at a time; a few stay warm.
 */
public final class LoadedFunction implements AutoCloseable {
  private static final int WARM_CONTEXTS = 4;
  private static final long WATCH_EVERY_MS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Engine engine;
  private final ScheduledExecutorService watchdog;
  private final Source prelude;
  private final SandboxFetch fetch;
  private final FunctionCode code;
  private final String environmentJson;
  private final SandboxLimits limits;
  private final ConcurrentLinkedDeque<Warm> warm = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  LoadedFunction(
      Engine engine,
      ScheduledExecutorService watchdog,
      Source prelude,
      SandboxFetch fetch,
      FunctionCode code,
      Map<String, String> environment,
      SandboxLimits limits) {
    this.engine = engine;
    this.watchdog = watchdog;
    this.prelude = prelude;
    this.fetch = fetch;
    this.code = code;
    this.limits = limits;
    try {
      this.environmentJson = JSON.writeValueAsString(environment);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("environment variables are text", e);
    }
  }

  /** A context with the function's modules loaded, and its handler. */
  private record Warm(Context context, Value handler, InvocationLog log) {}

  /**
   * Runs the handler once.
   *
   * @param eventJson the event, JSON
   * @param contextFields the Lambda-style context ({@code awsRequestId}, {@code functionName}, ...)
   */
  public Invocation invoke(String eventJson, Map<String, Object> contextFields) {
    long started = System.nanoTime();
    long deadlineMs = System.currentTimeMillis() + limits.timeout().toMillis();
    Map<String, Object> context = new LinkedHashMap<>(contextFields);
    context.put("deadlineMs", deadlineMs);
    AtomicReference<Invocation.Outcome> stoppedBy = new AtomicReference<>();
    AtomicReference<Context> watched = new AtomicReference<>();
    long thread = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    ScheduledFuture<?> guard =
        watchdog.scheduleAtFixedRate(
            () -> {
              Invocation.Outcome over =
                  System.nanoTime() - started > limits.timeout().toNanos()
                      ? Invocation.Outcome.TIMED_OUT
                      : THREADS.getThreadAllocatedBytes(thread) - allocatedBefore
                              > limits.allocationBytes()
                          ? Invocation.Outcome.LIMIT_EXCEEDED
                          : null;
              Context running = watched.get();
              if (over != null && running != null && stoppedBy.compareAndSet(null, over)) {
                running.close(true);
              }
            },
            WATCH_EVERY_MS,
            WATCH_EVERY_MS,
            TimeUnit.MILLISECONDS);
    Warm current = null;
    InvocationLog log = null;
    AtomicReference<String> result = new AtomicReference<>();
    AtomicReference<String> failure = new AtomicReference<>();
    AtomicReference<Boolean> settled = new AtomicReference<>(false);
    try {
      current = warm.pollFirst();
      if (current == null) {
        log = new InvocationLog();
        log.start(limits.logBytes());
        Context made = newContext(log);
        watched.set(made);
        current = prepare(made, log);
      } else {
        log = current.log();
        log.start(limits.logBytes());
        watched.set(current.context());
        current.context().resetLimits();
      }
      current
          .context()
          .getBindings("js")
          .getMember("__brmh")
          .getMember("invoke")
          .executeVoid(
              current.handler(),
              eventJson,
              JSON.writeValueAsString(context),
              (ProxyExecutable)
                  args -> {
                    result.set(args[0].isNull() ? null : args[0].asString());
                    settled.set(true);
                    return null;
                  },
              (ProxyExecutable)
                  args -> {
                    failure.set(args[0].asString());
                    settled.set(true);
                    return null;
                  });
    } catch (PolyglotException e) {
      // Cancelled, out of statements, or its modules failed to load: the context is done with.
      Context broken = watched.get();
      if (broken != null) {
        broken.close(true);
      }
      return ended(stopped(e, stoppedBy), null, message(e, stoppedBy), log, started, null);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the invocation context is not JSON", e);
    } finally {
      guard.cancel(false);
    }
    if (stoppedBy.get() != null) {
      // The watchdog closed the context as the invocation ended: what it answered does not count.
      return ended(stoppedBy.get(), null, message(null, stoppedBy), log, started, null);
    }
    Warm reusable = current;
    if (failure.get() != null) {
      return ended(Invocation.Outcome.FUNCTION_ERROR, null, failure.get(), log, started, reusable);
    }
    if (!settled.get()) {
      return ended(
          Invocation.Outcome.FUNCTION_ERROR,
          null,
          "The handler's promise never settled: it waits for something the sandbox has no way to"
              + " deliver (a timer, an event).",
          log,
          started,
          reusable);
    }
    return ended(Invocation.Outcome.SUCCEEDED, result.get(), null, log, started, reusable);
  }

  private Invocation ended(
      Invocation.Outcome outcome,
      String result,
      String error,
      InvocationLog log,
      long started,
      Warm reusable) {
    if (reusable != null && !closed && warm.size() < WARM_CONTEXTS) {
      warm.offerFirst(reusable);
    } else if (reusable != null) {
      reusable.context().close(true);
    }
    return new Invocation(
        outcome,
        result,
        error,
        log == null ? "" : log.text(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private Context newContext(InvocationLog log) {
    return Context.newBuilder("js")
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .out(log)
        .err(log)
        .in(InputStream.nullInputStream())
        .resourceLimits(
            ResourceLimits.newBuilder().statementLimit(limits.statements(), null).build())
        .build();
  }

  /** Loads the prelude, the function's modules and its handler into a new context. */
  private Warm prepare(Context context, InvocationLog log) {
    // The prelude takes this into its fetch and removes it from the globals.
    context
        .getBindings("js")
        .putMember("__brmhFetch", (ProxyExecutable) args -> fetch.fetch(args[0].asString()));
    context.eval(prelude);
    Value brmh = context.getBindings("js").getMember("__brmh");
    brmh.getMember("setEnvironment").executeVoid(environmentJson);
    Value define = brmh.getMember("define");
    Value defineJson = brmh.getMember("defineJson");
    code.modules()
        .forEach(
            (path, text) -> {
              if (path.endsWith(".json")) {
                defineJson.executeVoid(path, text);
              } else if (path.endsWith(".js") || path.endsWith(".cjs")) {
                // One line of wrapper before the code, so that line numbers stay the file's.
                Source module =
                    Source.newBuilder(
                            "js",
                            "(function (exports, require, module, __filename, __dirname) {"
                                + text
                                + "\n})",
                            path)
                        .buildLiteral();
                define.executeVoid(path, context.eval(module));
              }
            });
    Value handler = brmh.getMember("handler").execute(code.handlerModule(), code.handlerExport());
    return new Warm(context, handler, log);
  }

  private static Invocation.Outcome stopped(
      PolyglotException e, AtomicReference<Invocation.Outcome> stoppedBy) {
    if (stoppedBy.get() != null) {
      return stoppedBy.get();
    }
    if (e.isResourceExhausted()) {
      return Invocation.Outcome.LIMIT_EXCEEDED;
    }
    return Invocation.Outcome.FUNCTION_ERROR;
  }

  private String message(
      @Nullable PolyglotException e, AtomicReference<Invocation.Outcome> stoppedBy) {
    Invocation.Outcome by = stoppedBy.get();
    if (by == Invocation.Outcome.TIMED_OUT) {
      return "Stopped at its timeout of " + limits.timeout().toMillis() + " ms.";
    }
    if (by == Invocation.Outcome.LIMIT_EXCEEDED) {
      return "Stopped: it allocated more than " + (limits.allocationBytes() >> 20) + " MB.";
    }
    if (e != null && e.isResourceExhausted()) {
      return "Stopped: it ran more than " + limits.statements() + " statements.";
    }
    // The function's own error while its modules loaded, or one the sandbox refused.
    return e == null ? "Stopped." : e.getMessage();
  }

  @Override
  public void close() {
    closed = true;
    for (Warm context = warm.pollFirst(); context != null; context = warm.pollFirst()) {
      context.context().close(true);
    }
  }
}
