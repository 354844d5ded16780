package io.brmh.gateway.auth;

import io.brmh.platform.ratelimit.RateLimit;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Brute-force limits of the credential routes ({@code brmh.auth.rate-limits.*}), each written as
 * {@code attempts/window}, for example {@code 10/5m}: at most that many attempts in any such
 * window.
 *
 * @param loginPerAccount logins per account named (default {@code 10/5m})
 * @param loginPerAddress logins per client address (default {@code 50/5m})
 * @param refreshPerAddress token refreshes per client address (default {@code 60/1m})
 * @param signupPerAddress signups per client address (default {@code 20/1h})
 * @param codesPerAccount verification codes entered or asked for, per account (default {@code
 *     10/15m})
 * @param codesPerAddress verification codes entered or asked for, per client address (default
 *     {@code 50/15m})
 */
@ConfigurationProperties("brmh.auth.rate-limits")
public record RateLimitConfiguration(
    @Bindable(defaultValue = "10/5m") String loginPerAccount,
    @Bindable(defaultValue = "50/5m") String loginPerAddress,
    @Bindable(defaultValue = "60/1m") String refreshPerAddress,
    @Bindable(defaultValue = "20/1h") String signupPerAddress,
    @Bindable(defaultValue = "10/15m") String codesPerAccount,
    @Bindable(defaultValue = "50/15m") String codesPerAddress) {

  /** Refuses a limit that does not parse at start-up, not at the first login. */
  public RateLimitConfiguration {
    for (String limit :
        new String[] {
          loginPerAccount,
          loginPerAddress,
          refreshPerAddress,
          signupPerAddress,
          codesPerAccount,
          codesPerAddress
        }) {
      RateLimit.parse(limit);
    }
  }
}
