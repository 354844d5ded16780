package io.brmh.gateway.jobs;

import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.job.JobEvent;

/**
 * Something in this gateway instance that reacts to job events: WebSocket subscribers, waiting
 * requests.
 */
public interface JobEventSink {
  void onJobEvent(EnvelopeAttributes attributes, JobEvent event);
}
