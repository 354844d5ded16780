package io.brmh.namespaceworker;

import io.micronaut.runtime.Micronaut;

/** The namespace worker, runnable alone: {@code java -jar brmh-namespace-worker.jar}. */
public final class NamespaceWorkerApplication {
  private NamespaceWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(NamespaceWorkerApplication.class)
        .defaultEnvironments("namespace-worker")
        .start();
  }
}
