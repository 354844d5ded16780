package io.brmh.cacheworker.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The cache worker's Lua scripts, kept as resources beside the classes that run them. A script does
 * per key what would otherwise cost a round trip per batch (read, then write), atomically; all its
 * keys must live on one Redis node, so BRMH needs a standalone Redis or Valkey, not a cluster.
 */
public final class RedisScripts {
  private RedisScripts() {}

  /**
   * @param owner the class whose package holds the script
   */
  public static String load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
