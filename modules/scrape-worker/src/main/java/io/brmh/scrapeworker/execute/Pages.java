package io.brmh.scrapeworker.execute;

import io.brmh.contracts.scrape.ScrapeExecutionRequested.Pagination;
import io.brmh.platform.execute.MethodCalls;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a paginated run is, in each style an API may page in: the {@code Link}
 * header's {@code rel="next"} (Shopify's {@code page_info} links included), a cursor or token in
 * the body or a header sent back as a query parameter, a page number, or an offset and limit. With
 * {@code auto} the style is read off the first answer, as the original did.
 */
final class Pages {
  static final String LINK = "link";
  static final String CURSOR = "cursor";
  static final String TOKEN = "token";
  static final String PAGE = "page";
  static final String OFFSET = "offset";
  static final String NONE = "none";
  static final String AUTO = "auto";

  private static final Pattern NEXT_LINK =
      Pattern.compile("<([^>]+)>\\s*;[^,]*?rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);
  private static final List<String> CURSOR_FIELDS =
      List.of("next_cursor", "nextCursor", "cursor", "bookmark", "next_page_cursor");
  private static final List<String> TOKEN_FIELDS =
      List.of("nextPageToken", "next_page_token", "nextToken", "next_token");

  private Pages() {}

  /** The answer of one page as the paging reads it. */
  record Answer(@Nullable String linkHeader, Map<String, String> headers, @Nullable Object body) {}

  /**
   * Where the run stands: the style (found, for auto), the page number or offset of the page just
   * read.
   */
  record Position(String style, long page, long offset) {}

  /** The style of a run, reading the first answer when it is auto. */
  static String style(Pagination pagination, Answer first) {
    String type = pagination.type().toLowerCase(Locale.ROOT);
    if (!type.equals(AUTO)) {
      return type;
    }
    if (first.linkHeader() != null && NEXT_LINK.matcher(first.linkHeader()).find()) {
      return LINK;
    }
    if (first.body() instanceof Map<?, ?> body) {
      if (CURSOR_FIELDS.stream().anyMatch(body::containsKey)) {
        return CURSOR;
      }
      if (TOKEN_FIELDS.stream().anyMatch(body::containsKey)) {
        return TOKEN;
      }
      if (body.containsKey("total_pages") || body.containsKey("totalPages")) {
        return PAGE;
      }
      if (body.containsKey("total")
          || body.containsKey("total_count")
          || body.containsKey("totalCount")) {
        return OFFSET;
      }
    }
    return first.linkHeader() != null ? LINK : NONE;
  }

  /**
   * The address of the page after the one just read, or null when it was the last.
   *
   * @param current the address the page was read from
   * @param itemCount how many items it held
   */
  @Nullable
  static URI next(
      Pagination pagination, Position position, URI current, Answer answer, int itemCount) {
    return switch (position.style()) {
      case LINK -> link(current, answer.linkHeader());
      case CURSOR, TOKEN -> {
        String value = token(pagination, position.style(), answer);
        String param =
            pagination.tokenParam() != null
                ? pagination.tokenParam()
                : position.style().equals(CURSOR) ? "cursor" : "pageToken";
        yield value == null || value.isEmpty()
            ? null
            : MethodCalls.withQuery(current, Map.of(param, value));
      }
      case PAGE -> {
        if (itemCount == 0 || pastLastPage(answer.body(), position.page())) {
          yield null;
        }
        String param = pagination.pageParam() != null ? pagination.pageParam() : "page";
        yield MethodCalls.withQuery(current, Map.of(param, Long.toString(position.page() + 1)));
      }
      case OFFSET -> {
        long nextOffset = position.offset() + itemCount;
        Number total = total(answer.body());
        // A short page is the last only when BRMH asked for the page size; found by auto, the
        // API's own size is unknown, and an empty page or the total ends the run.
        boolean shortPage =
            pagination.type().equalsIgnoreCase(OFFSET) && itemCount < pageSize(pagination);
        if (itemCount == 0 || shortPage || (total != null && nextOffset >= total.longValue())) {
          yield null;
        }
        String param = pagination.pageParam() != null ? pagination.pageParam() : "offset";
        yield MethodCalls.withQuery(current, Map.of(param, Long.toString(nextOffset)));
      }
      default -> null;
    };
  }

  /** What the first page's address gets for its style: the page size, for offset paging. */
  static URI first(Pagination pagination, URI address) {
    if (pagination.type().equalsIgnoreCase(OFFSET)) {
      String limit = pagination.limitParam() != null ? pagination.limitParam() : "limit";
      String offset = pagination.pageParam() != null ? pagination.pageParam() : "offset";
      // In this order, always: Map.of would send them in an order of its own choosing.
      Map<String, String> paging = new java.util.LinkedHashMap<>();
      paging.put(limit, Long.toString(pageSize(pagination)));
      paging.put(offset, "0");
      return MethodCalls.withQuery(address, paging);
    }
    return address;
  }

  static long pageSize(Pagination pagination) {
    return pagination.pageSize() != null ? pagination.pageSize() : 100;
  }

  /** The position after reading a page at {@code position} with {@code itemCount} items. */
  static Position advanced(Position position, int itemCount) {
    return new Position(position.style(), position.page() + 1, position.offset() + itemCount);
  }

  @Nullable
  private static URI link(URI current, @Nullable String header) {
    if (header == null) {
      return null;
    }
    Matcher next = NEXT_LINK.matcher(header);
    return next.find() ? current.resolve(next.group(1).strip()) : null;
  }

  @Nullable
  private static String token(Pagination pagination, String style, Answer answer) {
    if ("header".equalsIgnoreCase(pagination.nextPageIn())) {
      String name =
          pagination.nextPageField() != null ? pagination.nextPageField() : "X-Next-Page-Token";
      return answer.headers().get(name.toLowerCase(Locale.ROOT));
    }
    if (pagination.nextPageField() != null) {
      Object value = Fields.at(answer.body(), pagination.nextPageField());
      return value == null ? null : String.valueOf(value);
    }
    if (answer.body() instanceof Map<?, ?> body) {
      for (String field : style.equals(CURSOR) ? CURSOR_FIELDS : TOKEN_FIELDS) {
        Object value = body.get(field);
        if (value != null && !(value instanceof Map) && !(value instanceof List)) {
          return String.valueOf(value);
        }
      }
    }
    return null;
  }

  private static boolean pastLastPage(@Nullable Object body, long page) {
    if (body instanceof Map<?, ?> map) {
      Object pages =
          map.containsKey("total_pages") ? map.get("total_pages") : map.get("totalPages");
      return pages instanceof Number total && page >= total.longValue();
    }
    return false;
  }

  @Nullable
  private static Number total(@Nullable Object body) {
    if (body instanceof Map<?, ?> map) {
      for (String field : List.of("total", "total_count", "totalCount")) {
        if (map.get(field) instanceof Number number) {
          return number;
        }
      }
    }
    return null;
  }
}
