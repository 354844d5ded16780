package io.brmh.gateway.auth;

import io.brmh.gateway.messages.OutboundMessage;
import io.brmh.platform.problem.ProblemException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a person logs in with: an e-mail address or a phone number (E.164). It is also the key of
 * their account: the address itself, or {@code phone:} and the number (an e-mail never looks like
 * that: it has an {@code @}).
 */
record LoginAddress(Kind kind, String value) {
  static final String PHONE_CLAIM = "phone_number";
  private static final String PHONE_KEY = "phone:";
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

  enum Kind {
    EMAIL,
    PHONE
  }

  static LoginAddress email(String email) {
    return new LoginAddress(Kind.EMAIL, UserRepository.normalize(email));
  }

  /**
   * @throws ProblemException 400 naming {@code phoneNumber} unless it is an international number
   *     ({@code +} and country code; the original guessed +91 for ten digits, BRMH does not guess)
   */
  static LoginAddress phone(String phoneNumber) {
    String compact = phoneNumber.replaceAll("[\\s().-]", "");
    if (!E164.matcher(compact).matches()) {
      throw ProblemException.invalidField(
          "phoneNumber", "must be an international number: + and country code, like +14155550123");
    }
    return new LoginAddress(Kind.PHONE, compact);
  }

  static LoginAddress ofAccountKey(String key) {
    return key.startsWith(PHONE_KEY)
        ? new LoginAddress(Kind.PHONE, key.substring(PHONE_KEY.length()))
        : email(key);
  }

  String accountKey() {
    return kind == Kind.PHONE ? PHONE_KEY + value : value;
  }

  OutboundMessage.Channel channel() {
    return kind == Kind.PHONE ? OutboundMessage.Channel.SMS : OutboundMessage.Channel.EMAIL;
  }

  /** The purpose of the codes that prove this address is the person's. */
  String verifyPurpose() {
    return kind == Kind.PHONE ? "verify-phone" : "verify-email";
  }

  /** The claim BRMH's tokens carry it in. */
  Map<String, Object> claims() {
    return Map.of(kind == Kind.PHONE ? PHONE_CLAIM : LoginService.EMAIL_CLAIM, value);
  }

  /** The address in a token's claims. */
  static LoginAddress ofClaims(Map<String, Object> claims) {
    Object phone = claims.get(PHONE_CLAIM);
    Object email = claims.get(LoginService.EMAIL_CLAIM);
    return phone != null
        ? new LoginAddress(Kind.PHONE, phone.toString())
        : email(email == null ? "" : email.toString());
  }
}
