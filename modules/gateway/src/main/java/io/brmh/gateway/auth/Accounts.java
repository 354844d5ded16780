package io.brmh.gateway.auth;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * What other parts of the gateway may ask about accounts: who an e-mail address belongs to, nothing
 * secret.
 */
@Singleton
public class Accounts {
  private final UserRepository users;

  Accounts(UserRepository users) {
    this.users = users;
  }

  /** An e-mail as accounts are keyed by it: trimmed, lower case. */
  public static String normalizedEmail(String email) {
    return UserRepository.normalize(email);
  }

  /**
   * @return the user id of the account with this e-mail
   */
  public Optional<String> userIdOf(String email) {
    return users.findByEmail(email).map(UserAccount::userId);
  }

  /** The e-mail address or phone number a person's token names. */
  public static String addressOf(Map<String, Object> claims) {
    return LoginAddress.ofClaims(claims).value();
  }
}
