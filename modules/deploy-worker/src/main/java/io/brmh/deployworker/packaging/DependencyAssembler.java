package io.brmh.deployworker.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundRequest;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A function's dependencies, assembled as an npm install would lay them out, without running
 * anything: each package's version is chosen from the registry by its range (never a URL, a git
 * repository or a path), its tarball is fetched through the outbound client from the registry's own
 * host and checked against the registry's digest, and its JavaScript and JSON files are kept under
 * {@code node_modules}. A package with an install script (or a native build) is refused: BRMH never
 * runs one, and such a package would not work without it.
 */
public final class DependencyAssembler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME =
      Pattern.compile("(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*");
  private static final List<String> INSTALL_SCRIPTS =
      List.of("preinstall", "install", "postinstall");

  private final SafeHttpClient client;
  private final URI registry;
  private final int maxPackages;
  private final long maxBytes;

  /**
   * @param registry the npm registry, {@code https://registry.npmjs.org/}
   * @param maxPackages the most packages one function may bring, transitive ones included
   * @param maxBytes the most their kept files may hold together
   */
  public DependencyAssembler(SafeHttpClient client, URI registry, int maxPackages, long maxBytes) {
    this.client = client;
    this.registry = registry.toString().endsWith("/") ? registry : URI.create(registry + "/");
    this.maxPackages = maxPackages;
    this.maxBytes = maxBytes;
  }

  /** One package to place: its name, the range asked, and the directory whose code asked. */
  private record Wanted(String name, String range, String from) {}

  /**
   * @param dependencies by name, each a version range ({@code 1.2.3}, {@code ^1.2.0})
   * @return the files to add to the function's package, by path ({@code node_modules/...})
   * @throws PackageRefusedException naming the dependency and what is wrong with it
   */
  public Map<String, String> assemble(Map<String, String> dependencies) {
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> placed = new LinkedHashMap<>(); // directory -> version
    Deque<Wanted> queue = new ArrayDeque<>();
    dependencies.forEach((name, range) -> queue.add(new Wanted(name, range, "")));
    long bytes = 0;
    while (!queue.isEmpty()) {
      Wanted wanted = queue.poll();
      if (!NAME.matcher(wanted.name()).matches() || wanted.name().length() > 214) {
        throw new PackageRefusedException("'" + wanted.name() + "' is not an npm package name.");
      }
      SemverRange range;
      try {
        range = SemverRange.parse(wanted.range());
      } catch (IllegalArgumentException refused) {
        throw new PackageRefusedException(wanted.name() + ": " + refused.getMessage() + ".");
      }
      String top = "node_modules/" + wanted.name();
      if (satisfied(placed.get(top), range) || satisfiedNested(placed, wanted, range)) {
        continue;
      }
      String directory =
          !placed.containsKey(top)
              ? top
              : (wanted.from().isEmpty() ? "" : wanted.from() + "/") + top;
      if (placed.size() >= maxPackages) {
        throw new PackageRefusedException(
            "The dependencies need more than " + maxPackages + " packages.");
      }
      JsonNode packument = packument(wanted.name());
      String version =
          range
              .best(() -> packument.path("versions").fieldNames())
              .orElseThrow(
                  () ->
                      new PackageRefusedException(
                          wanted.name() + " has no version in " + wanted.range() + "."));
      JsonNode release = packument.path("versions").path(version);
      refuseInstallScripts(wanted.name() + "@" + version, release);
      Map<String, byte[]> unpacked = tarball(wanted.name() + "@" + version, release.path("dist"));
      JsonNode manifest = manifest(wanted.name() + "@" + version, unpacked);
      refuseInstallScripts(wanted.name() + "@" + version, manifest);
      if (unpacked.containsKey("binding.gyp")) {
        throw new PackageRefusedException(
            wanted.name()
                + "@"
                + version
                + " builds native code: the sandbox runs JavaScript only.");
      }
      for (Map.Entry<String, byte[]> file : unpacked.entrySet()) {
        String path = file.getKey();
        if (path.endsWith(".js") || path.endsWith(".cjs") || path.endsWith(".json")) {
          bytes += file.getValue().length;
          if (bytes > maxBytes) {
            throw new PackageRefusedException(
                "The dependencies hold more than " + maxBytes + " bytes of code.");
          }
          files.put(directory + "/" + path, new String(file.getValue(), StandardCharsets.UTF_8));
        }
      }
      placed.put(directory, version);
      manifest
          .path("dependencies")
          .fields()
          .forEachRemaining(
              dependency ->
                  queue.add(
                      new Wanted(dependency.getKey(), dependency.getValue().asText(), directory)));
    }
    return files;
  }

  private static boolean satisfied(String placedVersion, SemverRange range) {
    return placedVersion != null
        && SemverRange.Version.parse(placedVersion).map(range::admits).orElse(false);
  }

  /** Whether a copy nested where the asking code would find it first is in the range. */
  private static boolean satisfiedNested(
      Map<String, String> placed, Wanted wanted, SemverRange range) {
    return !wanted.from().isEmpty()
        && satisfied(placed.get(wanted.from() + "/node_modules/" + wanted.name()), range);
  }

  private static void refuseInstallScripts(String release, JsonNode manifest) {
    if (manifest.path("hasInstallScript").asBoolean(false)) {
      throw installScript(release);
    }
    for (String script : INSTALL_SCRIPTS) {
      if (manifest.path("scripts").has(script)) {
        throw installScript(release);
      }
    }
  }

  private static PackageRefusedException installScript(String release) {
    return new PackageRefusedException(
        release
            + " has an install script: BRMH never runs one on its host, and the package"
            + " would not work without it.");
  }

  private JsonNode packument(String name) {
    URI uri = registry.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%40", "@"));
    return jsonOf(get(uri, name), name);
  }

  private Map<String, byte[]> tarball(String release, JsonNode dist) {
    URI uri;
    try {
      uri = URI.create(dist.path("tarball").asText());
    } catch (IllegalArgumentException e) {
      throw new PackageRefusedException(release + " names no tarball the registry serves.");
    }
    if (!registry.getHost().equalsIgnoreCase(uri.getHost())
        || registry.getPort() != uri.getPort()
        || !registry.getScheme().equalsIgnoreCase(uri.getScheme())) {
      throw new PackageRefusedException(
          release
              + "'s tarball is not on the registry's own host: BRMH fetches it from nowhere else.");
    }
    byte[] tgz = get(uri, release);
    checkDigest(release, dist, tgz);
    try {
      return TarballFiles.read(tgz, maxBytes);
    } catch (IOException e) {
      throw new PackageRefusedException(release + "'s tarball cannot be read: " + e.getMessage());
    }
  }

  private static void checkDigest(String release, JsonNode dist, byte[] tgz) {
    try {
      String integrity = dist.path("integrity").asText("");
      if (integrity.startsWith("sha512-")) {
        byte[] expected = Base64.getDecoder().decode(integrity.substring("sha512-".length()));
        if (MessageDigest.isEqual(expected, MessageDigest.getInstance("SHA-512").digest(tgz))) {
          return;
        }
      } else if (!dist.path("shasum").asText("").isEmpty()) {
        byte[] expected = HexFormat.of().parseHex(dist.path("shasum").asText());
        if (MessageDigest.isEqual(expected, MessageDigest.getInstance("SHA-1").digest(tgz))) {
          return;
        }
      }
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      throw new PackageRefusedException(release + "'s digest cannot be checked.");
    }
    throw new PackageRefusedException(
        release + "'s tarball does not match the registry's digest of it.");
  }

  private static JsonNode manifest(String release, Map<String, byte[]> unpacked) {
    byte[] manifest = unpacked.get("package.json");
    if (manifest == null) {
      throw new PackageRefusedException(release + " has no package.json.");
    }
    return jsonOf(manifest, release);
  }

  private byte[] get(URI uri, String what) {
    try {
      OutboundResponse response = client.send(OutboundRequest.get(uri));
      if (response.status() != 200) {
        throw new PackageRefusedException(
            what + ": the registry answered " + response.status() + ".");
      }
      return response.body();
    } catch (OutboundRefusedException refused) {
      throw new PackageRefusedException(what + ": " + refused.getMessage());
    } catch (IOException e) {
      throw new PackageRefusedException(
          what + ": the registry did not answer (" + e.getMessage() + ").");
    }
  }

  private static JsonNode jsonOf(byte[] json, String what) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new PackageRefusedException(what + ": the registry's answer is not JSON.");
    }
  }
}
