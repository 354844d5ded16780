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

  AuthAttempts(RateLimiter limiter, HttpClientAddressResolver addresses,
      @Value("${brmh.auth.rate-limits.login-per-account:10/5m}") String loginPerAccount,
      @Value("${brmh.auth.rate-limits.login-per-address:50/5m}") String loginPerAddress,
      @Value("${brmh.auth.rate-limits.refresh-per-address:60/1m}") String refreshPerAddress) {
    this.limiter = limiter;
    this.addresses = addresses;
    this.loginPerAccount = RateLimit.parse(loginPerAccount);
    this.loginPerAddress = RateLimit.parse(loginPerAddress);
    this.refreshPerAddress = RateLimit.parse(refreshPerAddress);
  }

  /** @throws io.brmh.platform.problem.ProblemException 429 when the address or the account tried too often */
  void login(String email, HttpRequest<?> request) {
    limiter.acquire("login-address", address(request), loginPerAddress);
    limiter.acquire("login-account", UserRepository.normalize(email), loginPerAccount);
  }

  /** @throws io.brmh.platform.problem.ProblemException 429 when the address tried too often */
  void refresh(HttpRequest<?> request) {
    limiter.acquire("refresh-address", address(request), refreshPerAddress);
  }

  private String address(HttpRequest<?> request) {
    String address = addresses.resolve(request);
    return address == null ? "unknown" : address;
  }
}
