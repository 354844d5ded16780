package io.brmh.deployworker.packaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A function's package as one zip, the form Lambda takes and the sandbox reads back: the same files
 * always make the same bytes (entries by name, one fixed time), so the package's digest names what
 * it holds and a deploy run again stores nothing new. Reading one back keeps only paths inside the
 * package, within bounds.
 */
public final class FunctionArchive {
  private static final FileTime FIXED = FileTime.fromMillis(315_532_800_000L); // 1980-01-01

  private FunctionArchive() {}

  public static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setLastModifiedTime(FIXED);
        entry.setCreationTime(FIXED);
        entry.setLastAccessTime(FIXED);
        zip.putNextEntry(entry);
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("zipping in memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The text files of a zip (a package, or sources a caller uploaded), by path.
   *
   * @param maxBytes the most they may hold unpacked together
   * @throws PackageRefusedException when it is no zip, a path leaves the package, or it is too
   *     large
   */
  public static Map<String, String> unzip(byte[] zip, long maxBytes) {
    Map<String, String> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.isDirectory()) {
          continue;
        }
        String path = entry.getName();
        if (path.startsWith("/")
            || path.contains("\\")
            || path.contains(":")
            || java.util.Arrays.asList(path.split("/")).contains("..")) {
          throw new PackageRefusedException("The zip holds a path outside its package: " + path);
        }
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - total + 1));
        total += content.length;
        if (total > maxBytes) {
          throw new PackageRefusedException("The zip holds more than " + maxBytes + " bytes.");
        }
        files.put(path, new String(content, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new PackageRefusedException("The package is not a zip: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new PackageRefusedException("The zip holds no file.");
    }
    return files;
  }
}
