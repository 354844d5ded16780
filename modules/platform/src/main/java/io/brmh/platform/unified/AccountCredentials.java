package io.brmh.platform.unified;

import io.brmh.platform.security.JwtConfiguration;
import io.brmh.platform.security.SealedText;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seals the credentials of namespace accounts (AES-GCM under a key derived from {@code
 * brmh.jwt.secret}), each bound to its account and place, so a sealed value copied into another
 * account or place does not open. Nothing here unseals for an answer: only a copy of an account
 * whose owner asks for it, and (issue 10) the execution worker, read them.
 */
@Singleton
public class AccountCredentials {
  private static final Pattern CREDENTIAL =
      Pattern.compile(
          "(?i).*(authorization|cookie|token|secret|passw|key|credential|signature|session|auth).*");

  private final SealedText sealer;

  AccountCredentials(JwtConfiguration jwt) {
    this.sealer = SealedText.keyed("account-secrets", jwt.secret());
  }

  /**
   * @param place where the value sits in the account ({@code namespace-account-header/<key>})
   */
  public String seal(String accountId, String place, String value) {
    return sealer.seal(accountId + "/" + place, value);
  }

  /**
   * The credential sealed at {@code place} of the account, for the one request that sends it
   * (method execution); never for an answer, a log line or a job record.
   */
  public String open(String accountId, String place, String sealedValue) {
    return sealer.unseal(accountId + "/" + place, sealedValue);
  }

  /** The sealed values of an account, sealed again for its copy under {@code copyId}. */
  public Map<String, String> resealed(String accountId, String copyId, Map<String, String> sealed) {
    Map<String, String> copy = new LinkedHashMap<>();
    sealed.forEach(
        (place, value) ->
            copy.put(
                place,
                sealer.seal(copyId + "/" + place, sealer.unseal(accountId + "/" + place, value))));
    return copy;
  }

  /**
   * Whether a header or variable name says its value is a credential: such a value is sealed in an
   * account, and refused in a method (whose fields every viewer reads).
   */
  public static boolean looksLikeCredential(String key) {
    return CREDENTIAL.matcher(key).matches();
  }

  /**
   * A data field of an account as a copy without credentials shows it: every entry marked secret
   * keeps its key and loses its (masked) value.
   */
  @SuppressWarnings("unchecked")
  public static Object withoutSecretValues(Object value) {
    if (!(value instanceof List<?> list)) {
      return value;
    }
    List<Object> copy = new ArrayList<>();
    for (Object element : list) {
      if (element instanceof Map<?, ?> entry && Boolean.TRUE.equals(entry.get("secret"))) {
        Map<String, Object> emptied = new LinkedHashMap<>((Map<String, Object>) entry);
        emptied.put("value", "");
        copy.add(emptied);
      } else {
        copy.add(element);
      }
    }
    return copy;
  }
}
