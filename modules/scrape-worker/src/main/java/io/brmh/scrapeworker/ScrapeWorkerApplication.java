package io.brmh.scrapeworker;

import io.micronaut.runtime.Micronaut;

/** The scrape worker, runnable alone: {@code java -jar brmh-scrape-worker.jar}. */
public final class ScrapeWorkerApplication {
  private ScrapeWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(ScrapeWorkerApplication.class)
        .defaultEnvironments("scrape-worker")
        .start();
  }
}
