package io.brmh.deployworker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.brmh.platform.outbound.OutboundConfiguration;
import io.brmh.platform.outbound.SafeHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Functions run in the sandbox as Node-style handlers with their own CommonJS modules, and every
 * way out of it is refused or stopped, after which the sandbox still runs the next function.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsSandboxTest {
  private static final SandboxLimits LIMITS =
      new SandboxLimits(Duration.ofSeconds(2), 256L << 20, 50_000_000L, 4096);
  private final HttpServer site = site();
  private final SafeHttpClient outbound =
      new SafeHttpClient(
          new OutboundConfiguration(
              List.of("127.0.0.1:" + site.getAddress().getPort()),
              Duration.ofSeconds(2),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5),
              1 << 20,
              3));
  private final JsSandbox sandbox = new JsSandbox(new SandboxFetch(outbound));

  @AfterAll
  void close() throws Exception {
    sandbox.close();
    outbound.close();
    site.stop(0);
  }

  /** A site on loopback that the test's outbound client is allowed to reach. */
  private static HttpServer site() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hello",
          exchange -> {
            byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void fetchReachesTheNetworkThroughTheOutboundClient() {
    Invocation done =
        invoke(
            "exports.handler = async () => { const r = await fetch('http://127.0.0.1:"
                + site.getAddress().getPort()
                + "/hello'); return { status: r.status, type: r.headers.get('Content-Type'),"
                + " body: await r.json() }; };",
            "{}");

    assertThat(done.outcome()).as(done.error()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    assertThat(done.result())
        .isEqualTo("{\"status\":200,\"type\":\"application/json\",\"body\":{\"hello\":\"world\"}}");
  }

  @Test
  void theCloudMetadataAddressAndOtherLoopbackPortsAreRefused() {
    Invocation metadata =
        invoke(
            "exports.handler = async () => (await fetch('http://169.254.169.254/latest/meta-data/')).text();",
            "{}");
    Invocation loopback =
        invoke("exports.handler = async () => (await fetch('http://localhost:1/')).text();", "{}");

    assertThat(metadata.outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(metadata.error()).contains("fetch failed");
    assertThat(loopback.outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(loopback.error()).contains("fetch failed");
    assertHealthy();
  }

  @Test
  void anAsyncHandlerAnswersFromItsEventWithItsLogsCaptured() {
    Invocation done =
        invoke(
            "exports.handler = async (event, context) => {"
                + " console.log('adding', event.a, event.b);"
                + " return { sum: event.a + event.b, name: context.functionName,"
                + " left: context.getRemainingTimeInMillis() > 0 }; };",
            "{\"a\":1,\"b\":2}");

    assertThat(done.outcome()).as(done.error()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    assertThat(done.result()).isEqualTo("{\"sum\":3,\"name\":\"adder\",\"left\":true}");
    assertThat(done.logs()).isEqualTo("adding 1 2\n");
  }

  @Test
  void aPureJavaScriptDependencyIsRequiredFromNodeModulesByItsPackageMain() {
    FunctionCode code =
        new FunctionCode(
            "index.handler",
            Map.of(
                "index.js",
                "const pad = require('left-pad'); const { twice } = require('./lib/twice');"
                    + " exports.handler = async (e) => pad(twice(e.word), 12, '*');",
                "lib/twice.js",
                "exports.twice = (w) => w + w;",
                "node_modules/left-pad/package.json",
                "{\"name\":\"left-pad\",\"main\":\"src/pad.js\"}",
                "node_modules/left-pad/src/pad.js",
                "module.exports = (s, n, c) => c.repeat(Math.max(0, n - s.length)) + s;"));

    Invocation done = sandbox.load(code, Map.of(), LIMITS).invoke("{\"word\":\"abc\"}", context());

    assertThat(done.outcome()).as(done.error()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    assertThat(done.result()).isEqualTo("\"******abcabc\"");
  }

  @Test
  void aWarmContextKeepsItsGlobalsAndEveryInvocationItsOwnLogs() {
    LoadedFunction counter =
        sandbox.load(
            code(
                "let calls = 0; exports.handler = async () => { console.log('call'); return ++calls; };"),
            Map.of(),
            LIMITS);

    Invocation first = counter.invoke("{}", context());
    Invocation second = counter.invoke("{}", context());

    assertThat(first.result()).isEqualTo("1");
    assertThat(second.result()).isEqualTo("2");
    assertThat(second.logs()).isEqualTo("call\n");
  }

  @Test
  void theFunctionsOwnErrorComesBackWithItsStack() {
    Invocation failed =
        invoke("exports.handler = async () => { throw new TypeError('bad input'); };", "{}");

    assertThat(failed.outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(failed.error()).contains("TypeError: bad input").contains("index.js");
  }

  @Test
  void filesAreNotThere() {
    assertRefused(
        invoke(
            "exports.handler = async () => require('fs').readFileSync('/etc/passwd', 'utf8');",
            "{}"));
    assertRefused(invoke("exports.handler = async () => load('/etc/passwd');", "{}"));
    assertRefused(invoke("exports.handler = async () => require('../../../../etc/passwd');", "{}"));
    assertHealthy();
  }

  @Test
  void processesCannotBeSpawned() {
    assertRefused(
        invoke(
            "exports.handler = async () => require('child_process').execSync('id').toString();",
            "{}"));
    assertRefused(
        invoke("exports.handler = async () => Java.type('java.lang.ProcessBuilder');", "{}"));
    assertHealthy();
  }

  @Test
  void hostClassesAreNotReachable() {
    assertRefused(
        invoke(
            "exports.handler = async () => Java.type('java.lang.System').getenv().toString();",
            "{}"));
    assertRefused(invoke("exports.handler = async () => Polyglot.eval('js', '1');", "{}"));
    assertRefused(
        invoke(
            "exports.handler = async () => Object.getPrototypeOf(process).constructor"
                + ".constructor('return java')().lang.Runtime.getRuntime();",
            "{}"));
    assertHealthy();
  }

  @Test
  void theEnvironmentIsTheFunctionsOwnOnly() {
    Invocation done =
        sandbox
            .load(
                code("exports.handler = async () => process.env;"),
                Map.of("GREETING", "hello"),
                LIMITS)
            .invoke("{}", context());

    assertThat(done.result()).isEqualTo("{\"GREETING\":\"hello\"}");
    assertThat(System.getenv()).containsKey("PATH");
  }

  @Test
  void aLoopThatNeverEndsIsStoppedAtItsTimeout() {
    SandboxLimits short_ =
        new SandboxLimits(Duration.ofMillis(300), 1L << 40, Long.MAX_VALUE, 4096);

    Invocation stopped =
        sandbox
            .load(code("exports.handler = async () => { for (;;) {} };"), Map.of(), short_)
            .invoke("{}", context());

    assertThat(stopped.outcome()).isEqualTo(Invocation.Outcome.TIMED_OUT);
    assertThat(stopped.duration()).isLessThan(Duration.ofSeconds(2));
    assertHealthy();
  }

  @Test
  void aMemoryBlowUpIsStoppedBeforeItReachesTheWorkersHeap() {
    SandboxLimits small =
        new SandboxLimits(Duration.ofSeconds(20), 64L << 20, Long.MAX_VALUE, 4096);
    Runtime runtime = Runtime.getRuntime();

    Invocation stopped =
        sandbox
            .load(
                code(
                    "exports.handler = async () => { const kept = [];"
                        + " for (;;) kept.push({ n: kept.length, list: [kept.length, 2, 3] }); };"),
                Map.of(),
                small)
            .invoke("{}", context());

    assertThat(stopped.outcome()).as(stopped.error()).isEqualTo(Invocation.Outcome.LIMIT_EXCEEDED);
    assertThat(stopped.duration()).isLessThan(Duration.ofSeconds(20));
    assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(runtime.maxMemory() / 2);
    assertHealthy();
  }

  @Test
  void oneHugeAllocationIsStoppedAndTheSandboxStaysHealthy() {
    Invocation string = invoke("exports.handler = async () => 'x'.repeat(2 ** 30).length;", "{}");
    Invocation array =
        invoke("exports.handler = async () => new Float64Array(2 ** 31 - 9).length;", "{}");

    assertThat(string.outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(string.error()).contains("RangeError");
    assertThat(array.outcome()).as(array.error()).isNotEqualTo(Invocation.Outcome.SUCCEEDED);
    assertHealthy();
  }

  @Test
  void aPromiseThatNeverSettlesEndsTheInvocationWithAnError() {
    Invocation never = invoke("exports.handler = () => new Promise(() => {});", "{}");

    assertThat(never.outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(never.error()).contains("never settled");
  }

  private void assertRefused(Invocation invocation) {
    assertThat(invocation.outcome())
        .as(String.valueOf(invocation.result()))
        .isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
    assertThat(String.valueOf(invocation.result())).doesNotContain("root:");
  }

  private void assertHealthy() {
    assertThat(invoke("exports.handler = async (e) => e.n * 2;", "{\"n\":21}").result())
        .isEqualTo("42");
  }

  private Invocation invoke(String source, String event) {
    return sandbox.load(code(source), Map.of(), LIMITS).invoke(event, context());
  }

  private static FunctionCode code(String index) {
    return new FunctionCode("index.handler", Map.of("index.js", index));
  }

  private static Map<String, Object> context() {
    return Map.of("functionName", "adder", "awsRequestId", "r-1");
  }
}
