package io.brmh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

/**
 * The local run's {@code BRMH_JWT_SECRET} (it seals the token-signing keys kept in DynamoDB): the
 * variable when set; otherwise a random secret generated once and kept, readable by the owner only,
 * in the data directory, so that the stored keys, and the tokens they signed, stay usable across
 * restarts.
 */
final class LocalSecrets {
  static final String JWT_SECRET_VARIABLE = "BRMH_JWT_SECRET";
  private static final String JWT_SECRET_FILE = "jwt-secret";
  static final int MIN_SECRET_BYTES = 32;

  private LocalSecrets() {}

  static String jwtSecret(Function<String, String> environment, Path dataDir) {
    String configured = environment.apply(JWT_SECRET_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      if (configured.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            JWT_SECRET_VARIABLE
                + " must be at least "
                + MIN_SECRET_BYTES
                + " bytes; try: openssl rand -base64 48");
      }
      return configured;
    }
    Path file = dataDir.resolve(JWT_SECRET_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      String secret = Base64.getEncoder().encodeToString(key);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local JWT key in " + file, e);
    }
  }
}
