package io.brmh.gateway.unified;

import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.AccountCredentials;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials in an account's headers and variables: sealed with AES-256-GCM under a key of
 * their own derived from {@code brmh.jwt.secret}, each bound to its account and place, and shown as
 * {@value #MASK}. A value sent back as the mask keeps the credential stored there, so a client that
 * edits what it read loses nothing. Nothing here unseals for an answer: only the copy of an account
 * its owner asks for, and (issue 10) the execution worker, read them.
 */
@Singleton
class AccountSecrets {
  static final String MASK = "********";
  static final String HEADERS = "namespace-account-header";
  static final String VARIABLES = "variables";

  private final AccountCredentials credentials;

  AccountSecrets(AccountCredentials credentials) {
    this.credentials = credentials;
  }

  /** An account's entries of one list, as shown, and the sealed values they hold. */
  record Entries(List<Map<String, Object>> shown, Map<String, String> sealed) {}

  /**
   * Seals the credentials of one list of an account.
   *
   * @param field {@value #HEADERS} or {@value #VARIABLES}
   * @param kept the account's sealed values before this change (a masked value keeps its own)
   * @throws ProblemException 400 for a key given twice, or a mask where nothing is stored
   */
  Entries seal(
      String accountId,
      String field,
      List<UnifiedRequests.KeyValue> entries,
      Map<String, String> kept) {
    List<Map<String, Object>> shown = new ArrayList<>();
    Map<String, String> sealed = new LinkedHashMap<>();
    List<Problem.FieldError> faults = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      UnifiedRequests.KeyValue entry = entries.get(i);
      if (!keys.add(entry.key())) {
        faults.add(new Problem.FieldError(field + "[" + i + "].key", "is given twice"));
        continue;
      }
      boolean secret = entry.secret() != null ? entry.secret() : looksLikeCredential(entry.key());
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("key", entry.key());
      if (secret) {
        String place = place(field, entry.key());
        if (entry.value().equals(MASK)) {
          if (kept.containsKey(place)) {
            sealed.put(place, kept.get(place));
          } else {
            faults.add(
                new Problem.FieldError(
                    field + "[" + i + "].value", "is the mask, but no credential is stored here"));
          }
        } else if (!entry.value().isEmpty()) {
          sealed.put(place, credentials.seal(accountId, place, entry.value()));
        }
        view.put("value", sealed.containsKey(place) ? MASK : "");
      } else {
        view.put("value", entry.value());
      }
      view.put("secret", secret);
      shown.add(view);
    }
    if (!faults.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", faults);
    }
    return new Entries(shown, sealed);
  }

  /** Whether a header or variable name says its value is a credential. */
  static boolean looksLikeCredential(String key) {
    return AccountCredentials.looksLikeCredential(key);
  }

  /** The place of a credential among an account's sealed values. */
  static String place(String field, String key) {
    return field + "/" + key;
  }
}
