package io.brmh.platform.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.devstack.SharedDevstack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Functions and their versions in DynamoDB, and their packages in S3, on the devstack's real
 * servers: a version is written once, listed in order, removed with its function; a package is
 * named by its digest and read back only when it still is what was deployed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionStoreIT implements TestPropertyProvider {
  @Inject FunctionStore store;
  @Inject FunctionArtifacts artifacts;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.functions.create-artifact-bucket", "true");
    return properties;
  }

  @Test
  void versionsArePublishedOnceInOrderAndGoWithTheirFunction() {
    String namespace = UUID.randomUUID().toString();
    Instant now = Instant.now();
    store.save(new NamespaceFunction(namespace, "greeter", "local", null, 0, false, now, now));
    for (int v = 1; v <= 12; v++) {
      store.publish(version(namespace, "greeter", v, "job-" + v));
    }
    store.save(new NamespaceFunction(namespace, "greeter", "local", 12, 12, true, now, now));

    store.publish(version(namespace, "greeter", 3, "job-3")); // the same deploy again: harmless

    assertThatThrownBy(() -> store.publish(version(namespace, "greeter", 3, "another-job")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another deploy");
    assertThat(store.versions(namespace, "greeter"))
        .extracting(FunctionVersion::version)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(store.version(namespace, "greeter", 7))
        .contains(version(namespace, "greeter", 7, "job-7"));
    assertThat(store.find(namespace, "greeter").orElseThrow().liveVersion()).isEqualTo(12);

    assertThat(store.remove(namespace, "greeter")).isEqualTo(12);
    assertThat(store.find(namespace, "greeter")).isEmpty();
    assertThat(store.versions(namespace, "greeter")).isEmpty();
  }

  @Test
  void aNamespacesFunctionsAreListedByNamePageAfterPageWithoutTheirVersions() {
    String namespace = UUID.randomUUID().toString();
    Instant now = Instant.now();
    for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
      store.save(new NamespaceFunction(namespace, name, "local", 1, 1, false, now, now));
      store.publish(version(namespace, name, 1, "job-" + name));
    }
    store.save(
        new NamespaceFunction(
            UUID.randomUUID().toString(), "other", "local", null, 0, false, now, now));

    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      FunctionStore.Page page = store.list(namespace, 2, cursor);
      page.functions().forEach(f -> names.add(f.name()));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(names).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
  }

  @Test
  void aPackageIsNamedByItsDigestAndReadBackOnlyWhileItIsWhatWasDeployed() {
    String namespace = UUID.randomUUID().toString();
    byte[] zip = "not really a zip".getBytes(StandardCharsets.UTF_8);

    FunctionArtifacts.Stored stored = artifacts.store(namespace, "greeter", zip);
    FunctionArtifacts.Stored again = artifacts.store(namespace, "greeter", zip);

    assertThat(again).isEqualTo(stored);
    assertThat(stored.key())
        .isEqualTo(namespace + "/greeter/" + FunctionArtifacts.sha256(zip) + ".zip");
    assertThat(artifacts.read(stored)).isEqualTo(zip);
    assertThatThrownBy(
            () -> artifacts.read(new FunctionArtifacts.Stored(stored.key(), "0".repeat(64))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the one deployed");
    assertThat(artifacts.removeAll(namespace, "greeter")).isEqualTo(1);
    assertThatThrownBy(() -> artifacts.read(stored))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gone");
  }

  private static FunctionVersion version(String namespace, String name, int v, String job) {
    return new FunctionVersion(
        namespace,
        name,
        v,
        new FunctionArtifacts.Stored(namespace + "/" + name + "/" + v + ".zip", "d" + v),
        "index.handler",
        128,
        3,
        Map.of("GREETING", "hello " + v),
        Map.of("TOKEN", "sealed-" + v),
        job,
        Instant.parse("2026-12-03T10:00:00Z"));
  }
}
