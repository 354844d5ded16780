package io.brmh.platform.functions;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Function packages in S3, named by what they hold: {@code <namespace>/<function>/<sha256>.zip}. A
 * package is written once and never changed, so a version's artifact is exactly what was deployed
 * and a deploy run again after a crash writes the same object.
 */
@Singleton
public class FunctionArtifacts {
  private final S3Client s3;
  private final FunctionsConfiguration config;

  FunctionArtifacts(S3Client s3, FunctionsConfiguration config) {
    this.s3 = s3;
    this.config = config;
  }

  /** A stored package: its object key and its SHA-256, hexadecimal. */
  public record Stored(String key, String digest) {}

  public Stored store(String namespaceId, String function, byte[] zip) {
    String digest = sha256(zip);
    String key = prefix(namespaceId, function) + digest + ".zip";
    s3.putObject(
        b -> b.bucket(config.artifactBucket()).key(key).contentType("application/zip"),
        RequestBody.fromBytes(zip));
    return new Stored(key, digest);
  }

  /**
   * @throws IllegalStateException when the package is gone, or is not what its name says
   */
  public byte[] read(Stored stored) {
    byte[] zip;
    try {
      zip =
          s3.getObjectAsBytes(b -> b.bucket(config.artifactBucket()).key(stored.key()))
              .asByteArray();
    } catch (NoSuchKeyException gone) {
      throw new IllegalStateException("the package " + stored.key() + " is gone", gone);
    }
    if (!sha256(zip).equals(stored.digest())) {
      throw new IllegalStateException("the package " + stored.key() + " is not the one deployed");
    }
    return zip;
  }

  /** Removes every package of the function; returns how many went. */
  public int removeAll(String namespaceId, String function) {
    int removed = 0;
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page =
          s3.listObjectsV2(
              b ->
                  b.bucket(config.artifactBucket())
                      .prefix(prefix(namespaceId, function))
                      .continuationToken(continuation));
      for (S3Object object : page.contents()) {
        s3.deleteObject(b -> b.bucket(config.artifactBucket()).key(object.key()));
        removed++;
      }
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    return removed;
  }

  private static String prefix(String namespaceId, String function) {
    return namespaceId + "/" + function + "/";
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
