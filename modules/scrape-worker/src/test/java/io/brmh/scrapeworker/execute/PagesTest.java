package io.brmh.scrapeworker.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.contracts.scrape.ScrapeExecutionRequested.Pagination;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The next page in each style, and auto detection from a first answer. */
class PagesTest {
  private static final URI FIRST = URI.create("https://api.example.com/v1/items?status=open");

  private static Pagination of(String type) {
    return new Pagination(type, null, null, null, null, null, null, null);
  }

  private static Pages.Answer body(Object body) {
    return new Pages.Answer(null, Map.of(), body);
  }

  @Test
  void aLinkHeaderIsFollowedRelativeToThePage() {
    Pages.Answer answer =
        new Pages.Answer(
            "<https://shop.example.com/admin/orders.json?page_info=abc>; rel=\"next\", <x>; rel=\"previous\"",
            Map.of(),
            List.of(Map.of("id", 1)));

    assertThat(Pages.style(of("auto"), answer)).isEqualTo(Pages.LINK);
    assertThat(Pages.next(of("link"), new Pages.Position("link", 1, 0), FIRST, answer, 1))
        .hasToString("https://shop.example.com/admin/orders.json?page_info=abc");
    assertThat(
            Pages.next(
                of("link"),
                new Pages.Position("link", 1, 0),
                FIRST,
                new Pages.Answer("</v1/items?after=9>; rel=next", Map.of(), List.of()),
                0))
        .hasToString("https://api.example.com/v1/items?after=9");
  }

  @Test
  void aCursorReplacesTheOneBeforeAndKeepsTheOtherParameters() {
    Pages.Answer answer = body(Map.of("data", List.of(Map.of("id", 1)), "next_cursor", "c 2"));

    assertThat(Pages.style(of("auto"), answer)).isEqualTo(Pages.CURSOR);
    URI next = Pages.next(of("cursor"), new Pages.Position("cursor", 1, 0), FIRST, answer, 1);
    assertThat(next).hasToString("https://api.example.com/v1/items?status=open&cursor=c+2");
    URI after = Pages.next(of("cursor"), new Pages.Position("cursor", 2, 1), next, answer, 1);
    assertThat(after).isEqualTo(next);
  }

  @Test
  void aTokenInAHeaderOrANestedFieldIsSentBackInTheParameterNamed() {
    Pagination header =
        new Pagination("token", "header", "X-Next", "after", null, null, null, null);
    assertThat(
            Pages.next(
                header,
                new Pages.Position("token", 1, 0),
                FIRST,
                new Pages.Answer(null, Map.of("x-next", "t9"), List.of()),
                0))
        .hasToString("https://api.example.com/v1/items?status=open&after=t9");
    Pagination nested = new Pagination("token", "body", "meta.next", null, null, null, null, null);
    assertThat(
            Pages.next(
                nested,
                new Pages.Position("token", 1, 0),
                FIRST,
                body(Map.of("meta", Map.of("next", "t1"))),
                3))
        .hasToString("https://api.example.com/v1/items?status=open&pageToken=t1");
  }

  @Test
  void pagesEndAtTheLastPageOrAnEmptyOne() {
    Pages.Position third = new Pages.Position("page", 3, 0);
    assertThat(Pages.next(of("page"), third, FIRST, body(Map.of("total_pages", 3)), 10)).isNull();
    assertThat(Pages.next(of("page"), third, FIRST, body(Map.of("results", List.of())), 0))
        .isNull();
    assertThat(Pages.next(of("page"), third, FIRST, body(Map.of("total_pages", 5)), 10))
        .hasToString("https://api.example.com/v1/items?status=open&page=4");
  }

  @Test
  void offsetsAdvanceByTheItemsReadUntilTheTotal() {
    Pagination offsets = new Pagination("offset", null, null, null, null, null, 10, null);
    URI first = Pages.first(offsets, FIRST);
    assertThat(first).hasToString("https://api.example.com/v1/items?status=open&limit=10&offset=0");
    Pages.Position read = new Pages.Position("offset", 1, 0);
    assertThat(Pages.next(offsets, read, first, body(Map.of("total", 25)), 10))
        .hasToString("https://api.example.com/v1/items?status=open&limit=10&offset=10");
    assertThat(
            Pages.next(
                offsets, new Pages.Position("offset", 3, 20), first, body(Map.of("total", 25)), 5))
        .isNull();
  }

  @Test
  void anAnswerWithNothingToFollowIsTheOnlyPage() {
    assertThat(Pages.style(of("auto"), body(List.of(Map.of("id", 1))))).isEqualTo(Pages.NONE);
    assertThat(Pages.next(of("none"), new Pages.Position("none", 1, 0), FIRST, body(List.of()), 1))
        .isNull();
  }

  @Test
  void itemsAndIdsAreFoundWhereApisPutThem() {
    assertThat(PageItems.of(Map.of("orders", List.of(1, 2)), null)).hasSize(2);
    assertThat(PageItems.of(Map.of("meta", Map.of("rows", List.of(1))), "meta.rows")).hasSize(1);
    assertThat(PageItems.of(Map.of("id", 7), null)).hasSize(1);
    assertThat(PageItems.idOf(Map.of("_id", "a"), null, "{}")).isEqualTo("a");
    assertThat(PageItems.idOf(Map.of("sku", Map.of("code", "k")), "sku.code", "{}")).isEqualTo("k");
    assertThat(PageItems.idOf(Map.of("name", "x"), null, "{\"name\":\"x\"}"))
        .startsWith("sha256-")
        .isEqualTo(PageItems.idOf(Map.of("name", "x"), null, "{\"name\":\"x\"}"));
  }
}
