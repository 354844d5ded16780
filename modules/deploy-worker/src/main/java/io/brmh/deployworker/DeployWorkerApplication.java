package io.brmh.deployworker;

import io.micronaut.runtime.Micronaut;

/** The deploy worker, runnable alone: {@code java -jar brmh-deploy-worker.jar}. */
public final class DeployWorkerApplication {
  private DeployWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(DeployWorkerApplication.class)
        .defaultEnvironments("deploy-worker")
        .start();
  }
}
