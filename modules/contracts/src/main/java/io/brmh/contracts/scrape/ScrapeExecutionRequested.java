package io.brmh.contracts.scrape;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Call a namespace method page after page and write every item it answers into a table of the
 * namespace. Wire name {@code brmh.scrape.execution-requested.v1} on {@code brmh.scrape-commands},
 * keyed by the namespace id. Carries no credential: the worker opens the account's sealed ones for
 * each call.
 *
 * @param jobId the job that reports pages, items and the end
 * @param namespaceId the namespace of the method, the account and the table
 * @param methodId the method called
 * @param accountId the account whose base URL and headers the calls use
 * @param tableName the namespace table the items go to, keyed by their id
 * @param pathParams values of the method path's {@code {parameters}}
 * @param queryParams query parameters of the first page, on top of the method's
 * @param pagination how the next page is found
 * @param idField the item field that identifies it (default: the first of id, _id, uuid, key…); an
 *     item without one is keyed by the hash of its content, so a repeated run writes it once
 * @param maxPages the most pages read, or null for every page
 * @param stopOnExisting whether the run ends at the first item the table holds already
 * @param requestedBy the user id that asked for it
 */
@Serdeable
public record ScrapeExecutionRequested(
    String jobId,
    String namespaceId,
    String methodId,
    String accountId,
    String tableName,
    @Nullable Map<String, String> pathParams,
    @Nullable Map<String, String> queryParams,
    Pagination pagination,
    @Nullable String idField,
    @Nullable Integer maxPages,
    boolean stopOnExisting,
    String requestedBy) {

  /** Empty maps do not travel: a command without them has none. */
  public ScrapeExecutionRequested {
    pathParams = pathParams == null ? Map.of() : pathParams;
    queryParams = queryParams == null ? Map.of() : queryParams;
  }

  /**
   * How the next page is found.
   *
   * @param type {@code auto} (found from the first answer), {@code link} (the {@code Link} header's
   *     {@code rel="next"}, Shopify's {@code page_info} included), {@code cursor} or {@code token}
   *     (a value of the answer sent back as a query parameter), {@code page} (a page number),
   *     {@code offset} (offset and limit), or {@code none}
   * @param nextPageIn where a cursor or token is: {@code body} (default) or {@code header}
   * @param nextPageField its field (a dotted path in the body) or header name
   * @param tokenParam the query parameter it is sent back in
   * @param pageParam the page number's (default {@code page}) or the offset's (default {@code
   *     offset}) query parameter
   * @param limitParam the page size's query parameter for offset paging (default {@code limit})
   * @param pageSize the page size asked for with offset paging (default 100)
   * @param itemsField the dotted path of the items in an answer (default: the answer itself when it
   *     is a list, else the first list of data, items, results, records, entries, orders, products)
   */
  @Serdeable
  public record Pagination(
      String type,
      @Nullable String nextPageIn,
      @Nullable String nextPageField,
      @Nullable String tokenParam,
      @Nullable String pageParam,
      @Nullable String limitParam,
      @Nullable Integer pageSize,
      @Nullable String itemsField) {}
}
