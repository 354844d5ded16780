package io.brmh.devstack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devstack of this test JVM: started by the first integration test that asks for it, shared by
 * all of them, stopped by a shutdown hook after the last one (and after JUnit closed every
 * application context, so no client retries a stopped broker).
 */
public final class SharedDevstack {
  private static Devstack devstack;
  private static OpenSearchNode openSearch;
  private static String jwtSecret;

  private SharedDevstack() {}

  public static synchronized DevstackEndpoints endpoints() {
    if (devstack == null) {
      devstack = Devstack.start(DevstackSettings.forTests());
      Runtime.getRuntime().addShutdownHook(new Thread(devstack::close, "devstack-stop"));
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      jwtSecret = Base64.getEncoder().encodeToString(key);
    }
    return devstack.endpoints();
  }

  /**
   * The shared redis-server, for tests that kill it and start it again (empty: tests persist
   * nothing).
   */
  public static synchronized RedisControl redis() {
    endpoints();
    return devstack.redis();
  }

  /**
   * The URL of this JVM's OpenSearch node, started on first use (about 10 s) and stopped by a
   * shutdown hook.
   */
  public static synchronized String openSearchUrl() {
    if (openSearch == null) {
      openSearch = OpenSearchNode.start();
      Runtime.getRuntime().addShutdownHook(new Thread(openSearch::close, "opensearch-stop"));
    }
    return openSearch.url();
  }

  /** The shared Kafka broker, for tests that restart it. */
  public static synchronized KafkaControl kafka() {
    endpoints();
    return devstack.kafka();
  }

  /**
   * Properties for a BRMH application context under test: the devstack's endpoints, a JWT key made
   * for this JVM, and BRMH's own tables created on start.
   */
  public static Map<String, String> applicationProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    endpoints()
        .applicationProperties()
        .forEach((name, value) -> properties.put(name, String.valueOf(value)));
    properties.put("brmh.jwt.secret", jwtSecret);
    properties.put("brmh.dynamodb.create-tables", "true");
    // The suite logs the same administrator in from one address hundreds of times within minutes;
    // the tests of the limits themselves set tight ones.
    properties.put("brmh.auth.rate-limits.login-per-account", "100000/1m");
    properties.put("brmh.auth.rate-limits.login-per-address", "100000/1m");
    properties.put("brmh.auth.rate-limits.refresh-per-address", "100000/1m");
    properties.put("brmh.auth.rate-limits.signup-per-address", "100000/1m");
    properties.put("brmh.auth.rate-limits.codes-per-account", "100000/1m");
    properties.put("brmh.auth.rate-limits.codes-per-address", "100000/1m");
    return properties;
  }
}
