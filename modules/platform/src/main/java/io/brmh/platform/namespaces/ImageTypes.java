package io.brmh.platform.namespaces;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The media type of an image, read from its first bytes rather than taken from the client: an icon
 * is served from the API's origin, so a file that is not one of these raster formats (SVG or HTML
 * above all, which a browser would run) is never stored as an image.
 */
public final class ImageTypes {
  /** The formats an icon may be in, for messages and the OpenAPI document. */
  public static final String ACCEPTED = "PNG, JPEG, GIF, WebP or ICO";

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ICO = {0, 0, 1, 0};

  private ImageTypes() {}

  /** The media type of the image these bytes start, or empty when they start none BRMH accepts. */
  public static Optional<String> of(byte[] bytes) {
    if (startsWith(bytes, PNG, 0)) {
      return Optional.of("image/png");
    }
    if (startsWith(bytes, JPEG, 0)) {
      return Optional.of("image/jpeg");
    }
    if (startsWith(bytes, GIF87, 0) || startsWith(bytes, GIF89, 0)) {
      return Optional.of("image/gif");
    }
    if (startsWith(bytes, RIFF, 0) && startsWith(bytes, WEBP, 8)) {
      return Optional.of("image/webp");
    }
    // An ICO header names at least one image: bytes 4-5 are the count, little-endian.
    if (startsWith(bytes, ICO, 0) && bytes.length >= 6 && (bytes[4] != 0 || bytes[5] != 0)) {
      return Optional.of("image/x-icon");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
    return bytes.length >= at + prefix.length
        && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
  }
}
