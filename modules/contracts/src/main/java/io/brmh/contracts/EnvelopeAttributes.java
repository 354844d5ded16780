package io.brmh.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The CloudEvents attributes of one BRMH message. On Kafka they travel as headers (see {@link
 * CloudEventHeaders}) next to a JSON payload; over WebSocket the same attributes and payload travel
 * as one structured CloudEvents JSON object.
 *
 * @param id unique per message; consumers use it to drop redeliveries
 * @param type the message type, which fixes the payload's record and schema
 * @param source URI of the producer, for example {@code /brmh/gateway}
 * @param time when the fact happened
 * @param subject what the message is about, for example the table name or {@code
 *     cache:project:table}
 * @param jobId the job this message belongs to, or {@code null}
 * @param traceParent W3C trace context of the request that caused it, or {@code null}
 */
public record EnvelopeAttributes(
    String id,
    MessageType type,
    String source,
    Instant time,
    String subject,
    String jobId,
    String traceParent) {

  public EnvelopeAttributes {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(subject, "subject");
  }

  /** Attributes for a new message with a fresh id, stamped now. */
  public static EnvelopeAttributes create(MessageType type, String source, String subject) {
    return new EnvelopeAttributes(
        UUID.randomUUID().toString(), type, source, Instant.now(), subject, null, null);
  }

  public EnvelopeAttributes withJobId(String newJobId) {
    return new EnvelopeAttributes(id, type, source, time, subject, newJobId, traceParent);
  }

  public EnvelopeAttributes withTraceParent(String newTraceParent) {
    return new EnvelopeAttributes(id, type, source, time, subject, jobId, newTraceParent);
  }

  public Optional<String> optionalJobId() {
    return Optional.ofNullable(jobId);
  }

  /**
   * The attributes as Kafka header values, in a stable order. Absent optional attributes are left
   * out.
   */
  public Map<String, String> toHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    headers.put(CloudEventHeaders.ID, id);
    headers.put(CloudEventHeaders.TYPE, type.wireName());
    headers.put(CloudEventHeaders.SOURCE, source);
    headers.put(CloudEventHeaders.TIME, time.toString());
    headers.put(CloudEventHeaders.SUBJECT, subject);
    headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON_CONTENT_TYPE);
    if (jobId != null) {
      headers.put(CloudEventHeaders.JOB_ID, jobId);
    }
    if (traceParent != null) {
      headers.put(CloudEventHeaders.TRACE_PARENT, traceParent);
    }
    return headers;
  }

  /**
   * Reads the attributes back from Kafka header values.
   *
   * @throws MalformedEnvelopeException naming the header at fault when one is missing or invalid
   */
  public static EnvelopeAttributes fromHeaders(Map<String, String> headers) {
    String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
    if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
      throw new MalformedEnvelopeException(
          CloudEventHeaders.SPEC_VERSION, "unsupported CloudEvents version " + specVersion);
    }
    String wireName = required(headers, CloudEventHeaders.TYPE);
    MessageType type =
        MessageType.fromWireName(wireName)
            .orElseThrow(
                () ->
                    new MalformedEnvelopeException(
                        CloudEventHeaders.TYPE, "unknown message type " + wireName));
    return new EnvelopeAttributes(
        required(headers, CloudEventHeaders.ID),
        type,
        required(headers, CloudEventHeaders.SOURCE),
        parseTime(required(headers, CloudEventHeaders.TIME)),
        required(headers, CloudEventHeaders.SUBJECT),
        headers.get(CloudEventHeaders.JOB_ID),
        headers.get(CloudEventHeaders.TRACE_PARENT));
  }

  private static String required(Map<String, String> headers, String name) {
    String value = headers.get(name);
    if (value == null || value.isBlank()) {
      throw new MalformedEnvelopeException(name, "missing header");
    }
    return value;
  }

  private static Instant parseTime(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedEnvelopeException(
          CloudEventHeaders.TIME, "not an RFC 3339 timestamp: " + value);
    }
  }
}
