package io.brmh.gateway.jobs;

import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.concurrent.CompletableFuture;

/**
 * Starts {@link StepWorker} jobs the way a real route starts work: accept, hand over, answer 202.
 */
@Controller("/test-jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
class StepJobsController {
  private final JobRegistry registry;
  private final StepWorker worker;
  private final AcceptedJobs acceptedJobs;

  StepJobsController(JobRegistry registry, StepWorker worker, AcceptedJobs acceptedJobs) {
    this.registry = registry;
    this.worker = worker;
    this.acceptedJobs = acceptedJobs;
  }

  @Post
  @ExecuteOn(TaskExecutors.BLOCKING)
  CompletableFuture<HttpResponse<Job>> start(
      @QueryValue(defaultValue = "3") int steps,
      @QueryValue(defaultValue = "false") boolean gated,
      @QueryValue(defaultValue = "demo") String name,
      @Header("Prefer") @Nullable String prefer,
      Authentication caller) {
    Job job = registry.accept(StepWorker.JOB_TYPE, "test:" + name, caller.getName());
    worker.run(job, steps, gated);
    return acceptedJobs.respond(job, prefer);
  }
}
