package io.brmh.gateway.unified;

import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceEntityStore;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.uri.UriBuilder;
import java.util.List;
import java.util.Map;

/** How the method and account routes answer: the original's shapes, with versions and pages. */
final class EntityAnswers {
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String UUID_MESSAGE = "must be an id (a UUID)";
  static final String NEXT_PAGE_TOKEN = "X-Next-Page-Token";

  private EntityAnswers() {}

  /** One item with its {@code ETag}. */
  static MutableHttpResponse<Map<String, Object>> one(NamespaceEntity entity) {
    return HttpResponse.ok(entity.view()).header(HttpHeaders.ETAG, entity.etag());
  }

  /** A page as the original's array, the next page linked in {@code Link}. */
  static HttpResponse<List<Map<String, Object>>> page(
      NamespaceEntityStore.EntityPage page, String path, int limit) {
    return page(page, path, Map.of(), limit);
  }

  /**
   * As {@link #page(NamespaceEntityStore.EntityPage, String, int)}, the listing's own query kept.
   */
  static HttpResponse<List<Map<String, Object>>> page(
      NamespaceEntityStore.EntityPage page, String path, Map<String, String> query, int limit) {
    MutableHttpResponse<List<Map<String, Object>>> response =
        HttpResponse.ok(page.items().stream().map(NamespaceEntity::view).toList());
    if (page.nextPageToken() != null) {
      UriBuilder link = UriBuilder.of(path);
      query.forEach(link::queryParam);
      String next =
          link.queryParam("limit", limit)
              .queryParam("pageToken", page.nextPageToken())
              .build()
              .toString();
      response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
      response.header(NEXT_PAGE_TOKEN, page.nextPageToken());
    }
    return response;
  }
}
