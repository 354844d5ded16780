package io.brmh.deployworker.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A package's zip is the same bytes for the same files, and reads back only inside itself. */
class FunctionArchiveTest {

  @Test
  void theSameFilesMakeTheSameBytesAndReadBackWhole() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("index.js", "exports.handler = async () => 1;");
    files.put("node_modules/a/index.js", "module.exports = 2;");
    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("node_modules/a/index.js", "module.exports = 2;");
    reordered.put("index.js", "exports.handler = async () => 1;");

    byte[] zip = FunctionArchive.zip(files);

    assertThat(FunctionArchive.zip(reordered)).isEqualTo(zip);
    assertThat(FunctionArchive.unzip(zip, 1 << 20)).isEqualTo(files);
  }

  @Test
  void aPathOutsideThePackageOrAZipTooLargeIsRefused() throws IOException {
    assertThatThrownBy(() -> FunctionArchive.unzip(zipOf("../../etc/cron.d/x", "boom"), 1 << 20))
        .isInstanceOf(PackageRefusedException.class)
        .hasMessageContaining("outside its package");
    assertThatThrownBy(() -> FunctionArchive.unzip(zipOf("big.js", "x".repeat(5000)), 1000))
        .isInstanceOf(PackageRefusedException.class)
        .hasMessageContaining("more than 1000 bytes");
    assertThatThrownBy(
            () -> FunctionArchive.unzip("not a zip".getBytes(StandardCharsets.UTF_8), 1000))
        .isInstanceOf(PackageRefusedException.class);
  }

  private static byte[] zipOf(String name, String content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }
}
