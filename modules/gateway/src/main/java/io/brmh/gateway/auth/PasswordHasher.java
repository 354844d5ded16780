package io.brmh.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import jakarta.inject.Singleton;

/**
 * bcrypt password hashing. The cost makes one check take a noticeable fraction of a second on
 * purpose; {@link #verifyAgainstNothing} spends the same time for unknown accounts, so response
 * times do not reveal which e-mails exist.
 */
@Singleton
class PasswordHasher {
  private static final int COST = 12;
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

  /**
   * bcrypt reads at most 72 bytes; longer passwords are pre-hashed instead of being rejected or
   * truncated.
   */
  private static final LongPasswordStrategy LONG_PASSWORDS =
      LongPasswordStrategies.hashSha512(VERSION);

  private static final String UNUSABLE_HASH =
      new PasswordHasher().hash("no account has this password");

  String hash(String password) {
    return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(COST, password.toCharArray());
  }

  boolean verify(String password, String hash) {
    return BCrypt.verifyer(VERSION, LONG_PASSWORDS)
        .verify(password.toCharArray(), hash.toCharArray())
        .verified;
  }

  void verifyAgainstNothing(String password) {
    verify(password, UNUSABLE_HASH);
  }
}
