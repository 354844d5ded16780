package io.brmh.streambridge;

import io.micronaut.runtime.Micronaut;

/** The stream bridge, runnable alone: {@code java -jar brmh-stream-bridge.jar}. */
public final class StreamBridgeApplication {
  private StreamBridgeApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(StreamBridgeApplication.class)
        .defaultEnvironments("stream-bridge")
        .start();
  }
}
