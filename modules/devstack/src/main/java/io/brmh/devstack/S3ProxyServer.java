package io.brmh.devstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server (s3proxy), in-process, signing with AWS v2 or v4 and the devstack's fixed
 * local credentials. Objects live in memory, or in a directory for the local run.
 */
final class S3ProxyServer implements ManagedServer {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final int port;
  private final Path dataDir;
  private S3Proxy proxy;

  /**
   * @param dataDir where objects persist, or {@code null} to keep them in memory
   */
  S3ProxyServer(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  @Override
  public void start() throws Exception {
    Properties properties = new Properties();
    String provider = "transient";
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      provider = "filesystem";
      properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
    }
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create(provider, properties))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4,
                DevstackEndpoints.ACCESS_KEY_ID,
                DevstackEndpoints.SECRET_ACCESS_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "s3proxy did not start on port " + port + " within " + START_TIMEOUT);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  @Override
  public void close() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    } finally {
      proxy = null;
    }
  }
}
