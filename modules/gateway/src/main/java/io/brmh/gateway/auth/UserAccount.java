package io.brmh.gateway.auth;

import java.time.Instant;
import java.util.List;

/**
 * A BRMH account that logs in with e-mail and password. The hash never leaves the server.
 *
 * @param userId stable id, the {@code sub} of the account's tokens
 * @param login the account's {@link LoginAddress#accountKey() key}: its lower-case e-mail, or
 *     {@code phone:} and its number; unique
 * @param passwordHash bcrypt hash of the password
 * @param roles global roles, see {@link io.brmh.platform.security.Roles}
 * @param createdAt when the account was created
 */
record UserAccount(
    String userId, String login, String passwordHash, List<String> roles, Instant createdAt) {

  /** Keeps the hash out of logs. */
  @Override
  public String toString() {
    return "UserAccount[" + userId + ", " + login + ", " + roles + "]";
  }

  LoginAddress address() {
    return LoginAddress.ofAccountKey(login);
  }
}
