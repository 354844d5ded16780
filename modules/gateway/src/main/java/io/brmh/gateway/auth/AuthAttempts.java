package io.brmh.gateway.auth;

import io.brmh.platform.ratelimit.RateLimit;
import io.brmh.platform.ratelimit.RateLimiter;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * Brute-force protection of the credential routes: attempts are counted per client address and,
 * where the request names one, per account ({@code brmh.auth.rate-limits.*}, see application.yml).
 * The client address is the connection's peer, unless {@code brmh.auth.trusted-proxy-hops} says how
 * many proxies of ours stand in front (a load balancer: 1): then it is the entry those proxies
 * appended to {@code X-Forwarded-For}, counted from the right. The left entries are whatever the
 * client wrote, so they never count (a client choosing its own address would escape every limit).
 */
@Singleton
class AuthAttempts {
  private final RateLimiter limiter;
  private final int trustedProxyHops;
  private final RateLimit loginPerAccount;
  private final RateLimit loginPerAddress;
  private final RateLimit refreshPerAddress;
  private final RateLimit signupPerAddress;
  private final RateLimit codesPerAccount;
  private final RateLimit codesPerAddress;

  AuthAttempts(RateLimiter limiter, AuthConfiguration auth, RateLimitConfiguration limits) {
    this.limiter = limiter;
    this.trustedProxyHops = auth.trustedProxyHops();
    this.loginPerAccount = RateLimit.parse(limits.loginPerAccount());
    this.loginPerAddress = RateLimit.parse(limits.loginPerAddress());
    this.refreshPerAddress = RateLimit.parse(limits.refreshPerAddress());
    this.signupPerAddress = RateLimit.parse(limits.signupPerAddress());
    this.codesPerAccount = RateLimit.parse(limits.codesPerAccount());
    this.codesPerAddress = RateLimit.parse(limits.codesPerAddress());
  }

  /**
   * @throws io.brmh.platform.problem.ProblemException 429 when the address or the account tried too
   *     often
   */
  void login(LoginAddress login, HttpRequest<?> request) {
    limiter.acquire("login-address", address(request), loginPerAddress);
    limiter.acquire("login-account", login.accountKey(), loginPerAccount);
  }

  /**
   * @throws io.brmh.platform.problem.ProblemException 429 when the address tried too often
   */
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
    if (trustedProxyHops > 0) {
      List<String> chain =
          request.getHeaders().getAll("X-Forwarded-For").stream()
              .flatMap(header -> Arrays.stream(header.split(",")))
              .map(String::trim)
              .filter(entry -> !entry.isEmpty())
              .toList();
      if (chain.size() >= trustedProxyHops) {
        return chain.get(chain.size() - trustedProxyHops);
      }
    }
    return request.getRemoteAddress().getAddress().getHostAddress();
  }
}
