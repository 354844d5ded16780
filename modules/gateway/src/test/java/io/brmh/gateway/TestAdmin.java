package io.brmh.gateway;

import io.brmh.devstack.SharedDevstack;
import java.util.HashMap;
import java.util.Map;

/**
 * The bootstrap administrator the gateway tests log in as, and the application properties that
 * create it.
 */
public final class TestAdmin {
  public static final String EMAIL = "admin@brmh.local";
  public static final String PASSWORD = "correct horse battery staple";

  private TestAdmin() {}

  /**
   * The shared devstack's properties plus the administrator's password; callers may add their own.
   */
  public static Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.admin.password", PASSWORD);
    return properties;
  }
}
