package io.brmh.gateway.auth;

import io.brmh.gateway.messages.MessageSender;
import io.brmh.gateway.messages.OutboundMessage;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signup with a verified e-mail address or phone number. A signup creates no account: it keeps the
 * password's hash with a code sent to the address (by e-mail or text message), and the account is
 * made only when that code comes back, so nobody can hold an account on an address they cannot read
 * (and later see its owner take it over with the squatter's password). An address that has an
 * account gets a notice instead of a code, and the caller the same answer either way, in the same
 * time: signup does not reveal who has an account.
 */
@Singleton
class SignupService {
  private static final Logger LOG = LoggerFactory.getLogger(SignupService.class);

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final VerificationCodes codes;
  private final MessageSender sender;
  private final LoginService logins;

  SignupService(
      UserRepository users,
      PasswordHasher hasher,
      VerificationCodes codes,
      MessageSender sender,
      LoginService logins) {
    this.users = users;
    this.hasher = hasher;
    this.codes = codes;
    this.sender = sender;
    this.logins = logins;
  }

  void signup(LoginAddress address, String password) {
    String passwordHash =
        hasher.hash(password); // also for existing accounts: the same time either way
    if (users.findByEmail(address.accountKey()).isPresent()) {
      send(
          new OutboundMessage(
              address.channel(),
              address.value(),
              "Your BRMH account",
              "Someone asked to sign up for BRMH with this "
                  + noun(address)
                  + ", which already has an account. If it was you, log in instead."));
      return;
    }
    sendCode(address, codes.issue(address.verifyPurpose(), address.value(), passwordHash));
  }

  /**
   * Sends a pending signup's code again (a new one); nothing happens for an address without one.
   */
  void resend(LoginAddress address) {
    codes
        .reissue(address.verifyPurpose(), address.value())
        .ifPresent(code -> sendCode(address, code));
  }

  /**
   * Makes the account of a pending signup whose code is right, and logs it in. The password given
   * at signup must come back too: a code only proves the address, and a later signup by someone
   * else (who cannot read the address) may have replaced the pending password; then the owner's
   * verification fails and they sign up again, instead of ending up with the other's password.
   *
   * @throws ProblemException 400 when the code is wrong, expired or used up, or the password
   *     differs
   */
  LoginResponse verify(LoginAddress address, String code, String password) {
    String passwordHash =
        codes
            .redeem(address.verifyPurpose(), address.value(), code)
            .filter(hash -> hasher.verify(password, hash))
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-code",
                        "The code is wrong, expired or used up, or the password is not the one given at signup; sign up again."));
    UserAccount account =
        new UserAccount(
            UUID.randomUUID().toString(),
            address.accountKey(),
            passwordHash,
            List.of(Roles.USER),
            Instant.now());
    if (!users.createIfAbsent(account)) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "account-exists",
          "This " + noun(address) + " has an account already; log in.");
    }
    LOG.info("Account {} created for a verified {}", account.userId(), noun(address));
    return logins.sessionFor(account);
  }

  private void sendCode(LoginAddress address, String code) {
    send(
        new OutboundMessage(
            address.channel(),
            address.value(),
            "Your BRMH verification code",
            "Your BRMH code is "
                + code
                + ". It works once, for "
                + codes.lifetime().toMinutes()
                + " minutes. If you did not sign up for BRMH, ignore this message."));
  }

  private static String noun(LoginAddress address) {
    return address.kind() == LoginAddress.Kind.PHONE ? "phone number" : "address";
  }

  private void send(OutboundMessage message) {
    try {
      sender.send(message);
    } catch (RuntimeException failed) {
      LOG.error("{} could not be sent: {}", message, failed.toString());
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "message-not-sent",
          "The message could not be sent; try again later.");
    }
  }
}
