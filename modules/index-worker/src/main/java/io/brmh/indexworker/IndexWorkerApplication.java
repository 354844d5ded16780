package io.brmh.indexworker;

import io.micronaut.runtime.Micronaut;

/** The index worker, runnable alone: {@code java -jar brmh-index-worker.jar}. */
public final class IndexWorkerApplication {
  private IndexWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(IndexWorkerApplication.class)
        .defaultEnvironments("index-worker")
        .start();
  }
}
