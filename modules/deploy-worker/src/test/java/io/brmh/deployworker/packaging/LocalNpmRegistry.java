package io.brmh.deployworker.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * An npm registry on loopback speaking the registry's protocol: {@code GET /<name>} answers the
 * package's document (its versions, each with its manifest and {@code dist.tarball} and {@code
 * dist.integrity}), {@code GET /-/<name>-<version>.tgz} the tarball, a gzipped ustar archive of
 * {@code package/...} as {@code npm pack} makes it.
 */
final class LocalNpmRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, ObjectNode> packuments = new LinkedHashMap<>();
  private final Map<String, byte[]> tarballs = new LinkedHashMap<>();

  LocalNpmRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path =
              URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
          byte[] body =
              path.startsWith("/-/")
                  ? tarballs.get(path.substring(3))
                  : packuments.containsKey(path.substring(1))
                      ? JSON.writeValueAsBytes(packuments.get(path.substring(1)))
                      : null;
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Publishes a version.
   *
   * @param manifest the package.json
   * @param files the other files, by path in the package
   * @param tamper whether the digest the registry gives is wrong
   */
  void publish(ObjectNode manifest, Map<String, String> files, boolean tamper) {
    String name = manifest.get("name").asText();
    String version = manifest.get("version").asText();
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("package.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
    files.forEach((path, text) -> all.put(path, text.getBytes(StandardCharsets.UTF_8)));
    byte[] tgz = tgz(all);
    String file = name.replace("/", "-") + "-" + version + ".tgz";
    tarballs.put(file, tgz);
    ObjectNode release = manifest.deepCopy();
    ObjectNode dist = release.putObject("dist");
    dist.put("tarball", uri() + "-/" + file);
    dist.put(
        "integrity",
        "sha512-" + Base64.getEncoder().encodeToString(sha512(tamper ? new byte[] {1} : tgz)));
    ObjectNode packument =
        packuments.computeIfAbsent(
            name,
            n -> {
              ObjectNode fresh = JSON.createObjectNode().put("name", n);
              fresh.putObject("versions");
              return fresh;
            });
    ((ObjectNode) packument.get("versions")).set(version, release);
  }

  static ObjectNode manifest(String name, String version) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("version", version)
        .put("main", "index.js");
  }

  private static byte[] sha512(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A gzipped ustar archive of the files under {@code package/}. */
  static byte[] tgz(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] header = new byte[512];
        put(header, 0, "package/" + file.getKey());
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", file.getValue().length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
          header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
          sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        gzip.write(header);
        gzip.write(file.getValue());
        gzip.write(new byte[(512 - file.getValue().length % 512) % 512]);
      }
      gzip.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
