package io.brmh.cacheworker;

import io.micronaut.runtime.Micronaut;

/** The cache worker, runnable alone: {@code java -jar brmh-cache-worker.jar}. */
public final class CacheWorkerApplication {
  private CacheWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(CacheWorkerApplication.class)
        .defaultEnvironments("cache-worker")
        .start();
  }
}
