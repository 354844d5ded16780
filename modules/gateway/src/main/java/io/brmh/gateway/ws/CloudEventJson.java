package io.brmh.gateway.ws;

import io.brmh.contracts.CloudEventHeaders;
import io.brmh.contracts.EnvelopeAttributes;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A BRMH event in CloudEvents structured JSON mode, as WebSocket clients receive it. */
@Singleton
class CloudEventJson {
  private final JsonMapper json;

  CloudEventJson(JsonMapper json) {
    this.json = json;
  }

  String write(EnvelopeAttributes attributes, Object data) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", CloudEventHeaders.SPEC_VERSION_VALUE);
    event.put("id", attributes.id());
    event.put("type", attributes.type().wireName());
    event.put("source", attributes.source());
    event.put("time", attributes.time().toString());
    event.put("subject", attributes.subject());
    event.put("datacontenttype", CloudEventHeaders.JSON_CONTENT_TYPE);
    if (attributes.jobId() != null) {
      event.put("brmhjobid", attributes.jobId());
    }
    event.put("data", data);
    return write(event);
  }

  String write(Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
