package io.brmh.contracts;

/**
 * Kafka header names of the message envelope: CloudEvents 1.0 attributes in the Kafka protocol
 * binding's binary mode ({@code ce_} prefix), plus BRMH's job id and W3C trace context.
 */
public final class CloudEventHeaders {
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";

  /** The payload's media type; the Kafka binding maps {@code datacontenttype} to this header. */
  public static final String CONTENT_TYPE = "content-type";

  /** The job this message belongs to, when it belongs to one. A BRMH extension attribute. */
  public static final String JOB_ID = "ce_brmhjobid";

  /** W3C trace context, so that a trace follows a request through Kafka. */
  public static final String TRACE_PARENT = "traceparent";

  /** The CloudEvents version every BRMH message declares. */
  public static final String SPEC_VERSION_VALUE = "1.0";

  /** Every BRMH payload is JSON. */
  public static final String JSON_CONTENT_TYPE = "application/json";

  private CloudEventHeaders() {}
}
