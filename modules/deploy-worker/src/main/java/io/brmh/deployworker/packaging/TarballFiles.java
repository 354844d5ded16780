package io.brmh.deployworker.packaging;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The regular files of an npm package tarball ({@code .tgz}, ustar with pax or GNU long names), by
 * path inside the package ({@code package/} dropped), within bounds: links, devices and paths that
 * leave the package are skipped, never followed; nothing is written to a disk.
 */
final class TarballFiles {
  private static final int BLOCK = 512;

  private TarballFiles() {}

  /**
   * @param maxBytes the most the unpacked files may hold together
   * @throws IOException when the tarball is not one, or holds more than {@code maxBytes}
   */
  static Map<String, byte[]> read(byte[] tgz, long maxBytes) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (DataInputStream tar =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        try {
          tar.readFully(header);
        } catch (EOFException end) {
          break;
        }
        if (isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        String prefix = text(header, 345, 155);
        if (size < 0 || size > maxBytes - total) {
          throw new IOException("the package is larger than " + maxBytes + " bytes unpacked");
        }
        byte[] content = new byte[(int) size];
        tar.readFully(content);
        tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        if (type == 'x') {
          longName = paxPath(content);
          continue;
        }
        if (type == 'L') {
          longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        if (type != '0' && type != '\0') {
          continue; // directories, links, devices: nothing a function needs, never followed
        }
        String inside = inside(path);
        if (inside != null) {
          files.put(inside, content);
          total += size;
        }
      }
    }
    return files;
  }

  /** The path without its first directory ({@code package/}), or null when it would leave it. */
  static String inside(String path) {
    String[] parts = path.replace('\\', '/').split("/");
    StringBuilder inside = new StringBuilder();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") || part.contains(":")) {
        return null;
      }
      inside.append(inside.length() == 0 ? "" : "/").append(part);
    }
    return inside.length() == 0 ? null : inside.toString();
  }

  private static String paxPath(byte[] content) {
    String records = new String(content, StandardCharsets.UTF_8);
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String digits = text(header, offset, length).trim();
    try {
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
