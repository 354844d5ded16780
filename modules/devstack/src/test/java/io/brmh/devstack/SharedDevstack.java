package io.brmh.devstack;

/**
 * The devstack of this test JVM: started by the first integration test that asks for it, shared by
 * all of them, stopped by a shutdown hook after the last one (and after JUnit closed every
 * application context, so no client retries a stopped broker).
 */
public final class SharedDevstack {
  private static Devstack devstack;

  private SharedDevstack() {}

  public static synchronized DevstackEndpoints endpoints() {
    if (devstack == null) {
      devstack = Devstack.start(DevstackSettings.forTests());
      Runtime.getRuntime().addShutdownHook(new Thread(devstack::close, "devstack-stop"));
    }
    return devstack.endpoints();
  }
}
