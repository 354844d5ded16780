package io.brmh.gateway.auth;

import io.brmh.platform.ratelimit.RateLimit;
import io.brmh.platform.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

/**
 * Brute-force protection of the credential routes: attempts are counted per client address and,
 * where the request names one, per account ({@code brmh.auth.rate-limits.*}, see application.yml).
 * The client address honours {@code micronaut.server.client-address-header} behind a proxy.
 */
@Singleton
class AuthAttempts {
  private final RateLimiter limiter;
  private final HttpClientAddressResolver addresses;
  private final RateLimit loginPerAccount;
  private final RateLimit loginPerAddress;
  private final RateLimit refreshPerAddress;
  private final RateLimit signupPerAddress;
  private final RateLimit codesPerAccount;
  private final RateLimit codesPerAddress;

  AuthAttempts(RateLimiter limiter, HttpClientAddressResolver addresses,
      @Value("${brmh.auth.rate-limits.login-per-account:10/5m}") String loginPerAccount,
      @Value("${brmh.auth.rate-limits.login-per-address:50/5m}") String loginPerAddress,
      @Value("${brmh.auth.rate-limits.refresh-per-address:60/1m}") String refreshPerAddress,
      @Value("${brmh.auth.rate-limits.signup-per-address:20/1h}") String signupPerAddress,
      @Value("${brmh.auth.rate-limits.codes-per-account:10/15m}") String codesPerAccount,
      @Value("${brmh.auth.rate-limits.codes-per-address:50/15m}") String codesPerAddress) {
    this.limiter = limiter;
    this.addresses = addresses;
    this.loginPerAccount = RateLimit.parse(loginPerAccount);
    this.loginPerAddress = RateLimit.parse(loginPerAddress);
    this.refreshPerAddress = RateLimit.parse(refreshPerAddress);
    this.signupPerAddress = RateLimit.parse(signupPerAddress);
    this.codesPerAccount = RateLimit.parse(codesPerAccount);
    this.codesPerAddress = RateLimit.parse(codesPerAddress);
  }

  /** @throws io.brmh.platform.problem.ProblemException 429 when the address or the account tried too often */
  void login(LoginAddress login, HttpRequest<?> request) {
    limiter.acquire("login-address", address(request), loginPerAddress);
    limiter.acquire("login-account", login.accountKey(), loginPerAccount);
  }

  /** @throws io.brmh.platform.problem.ProblemException 429 when the address tried too often */
  void refresh(HttpRequest<?> request) {
    limiter.acquire("refresh-address", address(request), refreshPerAddress);
  }

  /** Signups send mail: limited per client address, and per address signed up as codes are. */
  void signup(LoginAddress login, HttpRequest<?> request) {
    limiter.acquire("signup-address", address(request), signupPerAddress);
    codes(login, request);
  }

  /** Entering a code, or asking for one again. */
  void codes(LoginAddress login, HttpRequest<?> request) {
    limiter.acquire("codes-address", address(request), codesPerAddress);
    limiter.acquire("codes-account", login.accountKey(), codesPerAccount);
  }

  private String address(HttpRequest<?> request) {
    String address = addresses.resolve(request);
    return address == null ? "unknown" : address;
  }
}
