package io.brmh.scrapeworker;

import io.brmh.contracts.scrape.ScrapeImportRequested;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.scrapeworker.describe.DescriptionReader;
import io.brmh.scrapeworker.describe.ImportedApi;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One import or preview job: reads the description behind the address, then reports what it holds
 * (a preview) or writes it into the namespace and reports the diff. Redelivered, it runs again:
 * what the earlier try wrote is found by its provenance and reported as that try's change. A cancel
 * request ends it at its next step; what it wrote by then stays, each thing whole.
 */
@Singleton
class DescriptionImport {
  private final JobRegistry jobs;
  private final DescriptionReader reader;
  private final NamespaceImport namespaceImport;

  DescriptionImport(JobRegistry jobs, DescriptionReader reader, NamespaceImport namespaceImport) {
    this.jobs = jobs;
    this.reader = reader;
    this.namespaceImport = namespaceImport;
  }

  /**
   * @throws JobSteps.Stopped when the worker must stop; the command runs again elsewhere
   */
  void run(ScrapeImportRequested request, BooleanSupplier stopRequested) {
    if (jobs.startOrResume(request.jobId()).isEmpty()) {
      return; // cancelled before it started, or ended by an earlier delivery
    }
    JobSteps steps = new JobSteps(jobs, request.jobId(), stopRequested, true);
    try {
      ImportedApi api = reader.read(URI.create(request.sourceUrl()), steps::checkpoint);
      steps.checkpoint();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("source", Previews.source(api));
      if (request.preview()) {
        result.put("preview", Previews.of(api));
      } else {
        result.put("namespaceId", request.namespaceId());
        result.put("changes", namespaceImport.save(api, request, steps));
        result.put("removeVanished", request.removeVanished());
      }
      jobs.succeed(request.jobId(), result, steps.finalProgress());
    } catch (JobSteps.Cancelled cancelled) {
      jobs.cancelled(request.jobId());
    } catch (JobSteps.Stopped stopped) {
      throw stopped;
    } catch (RuntimeException failed) {
      // Tried again while it may succeed; ended with the reason once it never will.
      jobs.fail(
          request.jobId(),
          JobFailures.permanent(failed, "the namespace's tables").orElseThrow(() -> failed));
    }
  }
}
