package io.brmh.scrapeworker.describe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the API descriptions an HTML documentation page links or embeds, the way documentation
 * tools put them there: {@code <link rel="service-desc">} (RFC 8631) or an alternate of a
 * description type, the {@code spec-url} of Redoc and RapiDoc, the {@code url} given to Swagger UI,
 * links to files named like descriptions, and descriptions written into a {@code <script>}. Nothing
 * is invented from the page's text: a page without any gives none.
 */
final class HtmlDescriptionFinder {
  private static final Pattern DESCRIPTION_FILE =
      Pattern.compile(
          "(?i).*(openapi|swagger|api-docs|postman_collection|postman-collection)[^/]*"
              + "(\\.json|\\.ya?ml)?(\\?.*)?$");
  private static final Pattern SCRIPT_URL =
      Pattern.compile(
          "(?:SwaggerUIBundle|SwaggerUi|SwaggerUI|Redoc\\.init)[\\s\\S]{0,400}?"
              + "(?:\\burl\\s*:\\s*|Redoc\\.init\\s*\\(\\s*)[\"']([^\"'\\s]+)[\"']");

  /** What a page offers: addresses of descriptions, and descriptions written into it. */
  record Found(List<URI> links, List<String> embedded) {}

  static boolean looksLikeHtml(DocumentFetcher.Fetched page) {
    if (page.contentType() != null && page.contentType().contains("html")) {
      return true;
    }
    String start =
        new String(page.body(), 0, Math.min(page.body().length, 512), StandardCharsets.UTF_8)
            .strip();
    return start.regionMatches(true, 0, "<!doctype html", 0, 14)
        || start.regionMatches(true, 0, "<html", 0, 5);
  }

  Found find(DocumentFetcher.Fetched page) {
    Document document =
        Jsoup.parse(new String(page.body(), StandardCharsets.UTF_8), page.uri().toString());
    Set<URI> links = new LinkedHashSet<>();
    for (Element link :
        document.select("link[rel~=(?i)^service-desc$], link[rel~=(?i)^alternate$]")) {
      String type = link.attr("type").toLowerCase(java.util.Locale.ROOT);
      if (link.attr("rel").equalsIgnoreCase("service-desc")
          || type.contains("openapi")
          || type.contains("swagger")
          || type.contains("yaml")
          || type.equals("application/json")) {
        add(links, link.absUrl("href"));
      }
    }
    for (Element viewer : document.select("redoc[spec-url], rapi-doc[spec-url], [data-spec-url]")) {
      add(
          links,
          viewer.hasAttr("spec-url") ? viewer.absUrl("spec-url") : viewer.absUrl("data-spec-url"));
    }
    List<String> embedded = new ArrayList<>();
    for (Element script : document.select("script")) {
      String text = script.data();
      Matcher configured = SCRIPT_URL.matcher(text);
      while (configured.find()) {
        add(links, resolve(page.uri(), configured.group(1)));
      }
      String type = script.attr("type").toLowerCase(java.util.Locale.ROOT);
      if ((type.contains("json") || type.contains("yaml"))
          && (text.contains("\"openapi\"")
              || text.contains("\"swagger\"")
              || text.contains("openapi:")
              || text.contains("swagger:"))) {
        embedded.add(text);
      }
    }
    for (Element anchor : document.select("a[href]")) {
      String href = anchor.absUrl("href");
      if (DESCRIPTION_FILE.matcher(href).matches()) {
        add(links, href);
      }
    }
    links.remove(page.uri());
    return new Found(List.copyOf(links), embedded);
  }

  private static String resolve(URI base, String reference) {
    try {
      return base.resolve(reference).toString();
    } catch (IllegalArgumentException unusable) {
      return "";
    }
  }

  private static void add(Set<URI> links, String address) {
    if (!address.startsWith("http://") && !address.startsWith("https://")) {
      return; // absUrl gives "" for what does not resolve; javascript: and data: are not fetched
    }
    try {
      URI uri = URI.create(address);
      links.add(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null));
    } catch (IllegalArgumentException | java.net.URISyntaxException unusable) {
      // an address that is none is not a description's
    }
  }
}
