package io.brmh.gateway.jobs;

import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The answer to every request that starts a job: 202 with the job, {@code Location: /jobs/{id}} and
 * {@code Retry-After}; or, when the client sent {@code Prefer: wait=N} and the job ended within N
 * seconds, 200 with the finished job and {@code Preference-Applied}. Waiting never holds a thread.
 */
@Singleton
public class AcceptedJobs {
  /** Seconds a client should wait before polling the job. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final JobRegistry registry;
  private final JobWaiters waiters;
  private final ExecutorService blocking;

  AcceptedJobs(
      JobRegistry registry,
      JobWaiters waiters,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.registry = registry;
    this.waiters = waiters;
    this.blocking = blocking;
  }

  public CompletableFuture<HttpResponse<Job>> respond(Job accepted, String preferHeader) {
    Optional<Duration> wait = PreferWait.parse(preferHeader);
    if (wait.isEmpty()) {
      return CompletableFuture.completedFuture(accepted(accepted));
    }
    CompletableFuture<Void> ended = waiters.awaitEnd(accepted.id());
    // The job may have ended before we started listening: look once after registering.
    CompletableFuture.runAsync(
        () ->
            registry
                .find(accepted.id())
                .filter(job -> job.status().isTerminal())
                .ifPresent(job -> ended.complete(null)),
        blocking);
    return ended
        .completeOnTimeout(null, wait.get().toMillis(), TimeUnit.MILLISECONDS)
        .thenApplyAsync(
            ignored -> {
              waiters.forget(accepted.id(), ended);
              Job now = registry.find(accepted.id()).orElse(accepted);
              return now.status().isTerminal() ? finished(now, wait.get()) : accepted(now);
            },
            blocking);
  }

  /** 202 with the job, {@code Location} and {@code Retry-After}: a job that goes on running. */
  static HttpResponse<Job> accepted(Job job) {
    MutableHttpResponse<Job> response = HttpResponse.accepted(URI.create("/jobs/" + job.id()));
    return response.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).body(job);
  }

  private static HttpResponse<Job> finished(Job job, Duration wait) {
    return HttpResponse.ok(job)
        .header("Content-Location", "/jobs/" + job.id())
        .header("Preference-Applied", "wait=" + wait.toSeconds());
  }
}
