package io.brmh.scrapeworker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port serving what a test puts on it: API descriptions, pages
 * linking them, redirects. Tests reach it only through the outbound client's allow-list.
 */
public final class LocalSite implements AutoCloseable {
  private record Page(int status, String contentType, byte[] body, String location) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public LocalSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          Page page = pages.get(path);
          if (page == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            if (page.location() != null) {
              exchange.getResponseHeaders().add("Location", page.location());
            }
            if (page.contentType() != null) {
              exchange.getResponseHeaders().add("Content-Type", page.contentType());
            }
            exchange.sendResponseHeaders(
                page.status(), page.body().length == 0 ? -1 : page.body().length);
            if (page.body().length > 0) {
              exchange.getResponseBody().write(page.body());
            }
          }
          exchange.close();
        });
    server.start();
  }

  /** The allow-list entry that lets the outbound client reach this server. */
  public String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public URI uri(String path) {
    return URI.create("http://" + hostAndPort() + path);
  }

  public LocalSite serve(String path, String contentType, byte[] body) {
    pages.put(path, new Page(200, contentType, body, null));
    return this;
  }

  public LocalSite serve(String path, String contentType, String body) {
    return serve(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves a test resource of {@code descriptions/}. */
  public LocalSite serveResource(String path, String contentType, String resource) {
    return serve(path, contentType, resource(resource));
  }

  public LocalSite redirect(String path, String location) {
    pages.put(path, new Page(302, null, new byte[0], location));
    return this;
  }

  /** How often a path was asked for. */
  public int hits(String path) {
    AtomicInteger count = hits.get(path);
    return count == null ? 0 : count.get();
  }

  public static byte[] resource(String name) {
    try (InputStream in = LocalSite.class.getResourceAsStream("/descriptions/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource descriptions/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
