package io.brmh.platform.outbound;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for addresses users give (API descriptions, namespace methods, webhooks):
 * http and https only; every address checked against {@link ForbiddenAddresses} as it is resolved,
 * and the connection pinned to it ({@link GuardedResolver}); redirects followed here, each one
 * checked again, with credentials dropped when one leaves the origin; no proxy, cookies or retries;
 * the body, time, redirect and type limits of {@link OutboundConfiguration}.
 */
@Singleton
public class SafeHttpClient implements AutoCloseable {
  private static final Set<String> ALWAYS_SECRET =
      Set.of("authorization", "proxy-authorization", "cookie");

  private final OutboundConfiguration config;
  private final GuardedResolver resolver;
  private final CloseableHttpClient http;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "outbound-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  @jakarta.inject.Inject
  public SafeHttpClient(OutboundConfiguration config) {
    this(config, HostLookup.SYSTEM);
  }

  SafeHttpClient(OutboundConfiguration config, HostLookup lookup) {
    this.config = config;
    this.resolver = new GuardedResolver(lookup, config.allowedHosts());
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(resolver)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(config.connectTimeout()))
                            .setSocketTimeout(Timeout.of(config.readTimeout()))
                            .build())
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(8)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(config.readTimeout()))
                    .setConnectionRequestTimeout(Timeout.of(config.connectTimeout()))
                    .build())
            // Compressed answers would be read through a decompressing stream that cannot be cut
            // off without draining it; BRMH asks for plain bodies.
            .disableContentCompression()
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("BRMH")
            .build();
  }

  /**
   * Sends the request, following redirects.
   *
   * @throws OutboundRefusedException when BRMH will not send it or take its answer
   * @throws IOException when the target cannot be reached or breaks off
   */
  public OutboundResponse send(OutboundRequest request) throws IOException {
    return send(request, config.maxRedirects());
  }

  /**
   * Sends the request once and answers whatever came back, a redirect included: for calls whose
   * meaning a redirect would change (a webhook's POST would arrive as a GET without its body).
   *
   * @throws OutboundRefusedException when BRMH will not send it or take its answer
   * @throws IOException when the target cannot be reached or breaks off
   */
  public OutboundResponse sendWithoutRedirects(OutboundRequest request) throws IOException {
    return send(request, 0);
  }

  private OutboundResponse send(OutboundRequest request, int maxRedirects) throws IOException {
    long deadline = System.nanoTime() + config.deadline().toNanos();
    URI uri = request.uri();
    String method = request.method().toUpperCase(Locale.ROOT);
    byte[] body = request.body();
    Map<String, String> headers = request.headers();
    for (int redirects = 0; ; redirects++) {
      requireCallable(uri);
      OutboundResponse answer =
          exchange(method, uri, headers, body, request.contentType(), deadline);
      Optional<URI> next = maxRedirects == 0 ? Optional.empty() : redirectTarget(answer);
      if (next.isEmpty()) {
        requireAccepted(answer, request.acceptedTypes());
        return answer;
      }
      if (redirects == maxRedirects) {
        throw new OutboundRefusedException(
            "More than " + maxRedirects + " redirects from " + request.uri().getHost() + ".");
      }
      URI target = next.get();
      if (!sameOrigin(uri, target)) {
        headers = withoutSecrets(headers, request.secretHeaders());
      }
      if (answer.status() == 303
          || !(method.equals("GET") || method.equals("HEAD"))
              && answer.status() != 307
              && answer.status() != 308) {
        method = "GET"; // as browsers do: only 307 and 308 repeat the method and body
        body = null;
      }
      uri = target;
    }
  }

  private OutboundResponse exchange(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String contentType,
      long deadline)
      throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw deadlinePassed(uri);
    }
    HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
    headers.forEach(request::addHeader);
    if (body != null) {
      request.setEntity(
          new ByteArrayEntity(
              body,
              contentType == null
                  ? ContentType.APPLICATION_OCTET_STREAM
                  : ContentType.parse(contentType)));
    }
    // The deadline covers what no timeout does: a connection, headers or a body trickling in a
    // byte at a time. Cancelling closes the connection under the client wherever it waits.
    ScheduledFuture<?> timer = deadlines.schedule(request::cancel, remaining, TimeUnit.NANOSECONDS);
    try {
      return http.execute(request, response -> read(response, uri, deadline));
    } catch (GuardedResolver.RefusedAddressException refused) {
      throw new OutboundRefusedException(refused.getMessage());
    } catch (IOException failed) {
      if (request.isCancelled()) {
        throw deadlinePassed(uri);
      }
      throw failed;
    } finally {
      timer.cancel(false);
    }
  }

  private OutboundDeadlineException deadlinePassed(URI uri) {
    return new OutboundDeadlineException(
        uri.getHost() + " did not answer within " + config.deadline().toSeconds() + " s.");
  }

  private OutboundResponse read(ClassicHttpResponse response, URI uri, long deadline)
      throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      headers
          .computeIfAbsent(
              header.getName().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .add(header.getValue());
    }
    HttpEntity entity = response.getEntity();
    byte[] body = entity == null ? new byte[0] : bounded(entity, uri, deadline);
    String type =
        entity == null || entity.getContentType() == null
            ? null
            : ContentType.parseLenient(entity.getContentType())
                .getMimeType()
                .toLowerCase(Locale.ROOT);
    return new OutboundResponse(response.getCode(), Map.copyOf(headers), body, uri, type);
  }

  /** The body, refused once it passes the size limit or the deadline, whichever comes first. */
  private byte[] bounded(HttpEntity entity, URI uri, long deadline) throws IOException {
    if (entity.getContentLength() > config.maxBytes()) {
      throw tooLarge(uri);
    }
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] chunk = new byte[16_384];
    InputStream in = entity.getContent();
    try {
      for (int n; (n = in.read(chunk)) != -1; ) {
        if (read.size() + n > config.maxBytes()) {
          throw tooLarge(uri);
        }
        read.write(chunk, 0, n);
        if (System.nanoTime() > deadline) {
          throw deadlinePassed(uri);
        }
      }
    } catch (OutboundRefusedException cutOff) {
      // Closing the stream would read the rest to keep the connection: drop the connection.
      if (in instanceof EofSensorInputStream connection) {
        connection.abort();
      }
      throw cutOff;
    }
    in.close();
    return read.toByteArray();
  }

  private OutboundRefusedException tooLarge(URI uri) {
    return new OutboundRefusedException(
        "The answer of " + uri.getHost() + " is larger than " + config.maxBytes() + " bytes.");
  }

  /**
   * @throws OutboundRefusedException for a scheme other than http(s), credentials in the URL, or a
   *     literal address BRMH never calls (names are checked as they resolve)
   */
  private void requireCallable(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutboundRefusedException(
          "BRMH calls http and https addresses only"
              + (scheme.isEmpty() ? "." : ", not " + scheme + "."));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new OutboundRefusedException("The address names no host.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new OutboundRefusedException("An address may not carry credentials before its host.");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    try {
      resolver.checked(uri.getHost(), port);
    } catch (GuardedResolver.RefusedAddressException refused) {
      throw new OutboundRefusedException(refused.getMessage());
    }
  }

  private static Optional<URI> redirectTarget(OutboundResponse answer) {
    int status = answer.status();
    String location = answer.header("location");
    if (status < 300 || status > 399 || status == 304 || location == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(answer.uri().resolve(location.trim()));
    } catch (IllegalArgumentException unreadable) {
      throw new OutboundRefusedException(
          answer.uri().getHost() + " redirected to an unreadable address.");
    }
  }

  private static void requireAccepted(OutboundResponse answer, Set<String> accepted) {
    if (accepted.isEmpty() || answer.body().length == 0) {
      return;
    }
    String type = answer.contentType();
    boolean taken =
        type != null
            && accepted.stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .anyMatch(
                    a ->
                        a.equals(type)
                            || a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)));
    if (!taken) {
      throw new OutboundRefusedException(
          answer.uri().getHost()
              + " answered "
              + (type == null ? "without a type" : type)
              + ", not "
              + accepted
              + ".");
    }
  }

  private static boolean sameOrigin(URI from, URI to) {
    return from.getScheme().equalsIgnoreCase(to.getScheme())
        && from.getHost().equalsIgnoreCase(to.getHost())
        && effectivePort(from) == effectivePort(to);
  }

  private static int effectivePort(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static Map<String, String> withoutSecrets(
      Map<String, String> headers, Set<String> secret) {
    Map<String, String> kept = new HashMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          boolean isSecret =
              ALWAYS_SECRET.contains(lower)
                  || secret.stream().anyMatch(s -> s.equalsIgnoreCase(name));
          if (!isSecret) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  @PreDestroy
  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    http.close();
  }
}
