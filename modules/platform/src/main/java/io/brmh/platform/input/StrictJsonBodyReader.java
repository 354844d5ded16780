package io.brmh.platform.input;

import io.brmh.platform.json.ExactBodies;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads every JSON request body bound to a record ({@code @Body SomeRequest request}) through
 * {@link ExactBodies}, ahead of Micronaut's own JSON reader, which coerces types, ignores unknown
 * members and accepts data after the value. Bodies of other types are left to Micronaut.
 */
@Singleton
@Order(StrictJsonBodyReader.ORDER)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_JSON})
public final class StrictJsonBodyReader<T> implements MessageBodyReader<T> {
  /** Before Micronaut's JSON handler (-10): lower orders are asked first. */
  static final int ORDER = -100;

  private final ExactBodies bodies;

  StrictJsonBodyReader(ExactBodies bodies) {
    this.bodies = bodies;
  }

  @Override
  public boolean isReadable(Argument<T> type, MediaType mediaType) {
    return type.getType().isRecord()
        && mediaType != null
        && mediaType.matchesAllOrWildcardOrExtension(MediaType.EXTENSION_JSON);
  }

  @Override
  public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body)
      throws CodecException {
    byte[] bytes;
    try {
      bytes = body.readAllBytes();
    } catch (IOException unreadable) {
      throw new CodecException("the request body could not be read", unreadable);
    }
    if (bytes.length == 0 && type.isNullable()) {
      return null; // an optional body left out, even if sent as an empty chunked one
    }
    return bodies.read(bytes, type.getType(), type.asType());
  }
}
