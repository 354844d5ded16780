package io.brmh.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchFilter;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
import io.brmh.platform.search.SearchResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every search engine BRMH runs on must do, on the same corpus with the same queries and the
 * same expected hits, facets and highlights: an engine's test extends this and says how to reach
 * it. Expected answers are computed from the corpus itself, not written down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchEngineContract {
  private final SearchCorpus corpus = new SearchCorpus();
  private String index;

  /** The engine under test, empty or not: each test class writes indexes of its own names. */
  protected abstract SearchEngine engine();

  @BeforeAll
  void indexTheCorpus() {
    index = fresh();
    engine().create(index);
    engine().write(index, corpus.documents(), List.of());
  }

  @Test
  void aTypoFindsTheIphonesFirst() {
    Set<String> iphones = corpus.withWord(word -> word.equals("iphone"));

    List<String> hits = ids(search("iphnoe", 50));

    assertThat(iphones).hasSize(3);
    assertThat(new HashSet<>(hits.subList(0, iphones.size()))).isEqualTo(iphones);
  }

  @Test
  void aPrefixFindsEveryDocumentWithAWordStartingSoFirst() {
    Set<String> laptops = corpus.withWord(word -> word.startsWith("lapt"));

    List<String> hits = ids(search("lapt", 50));

    assertThat(laptops).hasSize(6);
    assertThat(new HashSet<>(hits.subList(0, laptops.size()))).isEqualTo(laptops);
  }

  @Test
  void everyWordMustMatch() {
    Set<String> expected =
        corpus.withWord(word -> word.equals("apple")).stream()
            .filter(corpus.withWord(word -> word.startsWith("pro"))::contains)
            .collect(java.util.stream.Collectors.toSet());

    assertThat(new HashSet<>(ids(search("apple pro", 50)))).isEqualTo(expected);
  }

  @Test
  void aPriceRangeAndCategoryFacetsCountAsTheCorpusDoes() {
    BigDecimal min = new BigDecimal("100");
    BigDecimal max = new BigDecimal("1000");
    var inRange =
        (java.util.function.Predicate<IndexDocument>)
            document ->
                SearchCorpus.price(document) != null
                    && SearchCorpus.price(document).compareTo(min) >= 0
                    && SearchCorpus.price(document).compareTo(max) <= 0;

    SearchResult result =
        engine()
            .search(
                index,
                new SearchRequest(
                    "",
                    List.of(new SearchFilter.Range("price", min, max)),
                    List.of("category", "brand"),
                    null,
                    100,
                    null,
                    false));

    assertThat(result.total()).isEqualTo(corpus.ids(inRange).size());
    assertThat(new HashSet<>(ids(result))).isEqualTo(corpus.ids(inRange));
    assertThat(result.facets().get("category")).isEqualTo(corpus.counts("category", inRange));
    assertThat(result.facets().get("brand")).isEqualTo(corpus.counts("brand", inRange));
  }

  @Test
  void equalsAndInFiltersNarrowByTextNumberAndBoolean() {
    assertThat(new HashSet<>(ids(filtered(new SearchFilter.Equals("brand", "Apple")))))
        .isEqualTo(corpus.ids(d -> "Apple".equals(d.fields().get("brand"))));
    assertThat(new HashSet<>(ids(filtered(new SearchFilter.Equals("inStock", false)))))
        .isEqualTo(corpus.ids(d -> Boolean.FALSE.equals(d.fields().get("inStock"))));
    assertThat(ids(filtered(new SearchFilter.Equals("price", new BigDecimal("1199")))))
        .containsExactly("p02");
    assertThat(
            new HashSet<>(
                ids(filtered(new SearchFilter.In("category", List.of("Laptops", "Tablets"))))))
        .isEqualTo(
            corpus.ids(
                d -> List.of("Laptops", "Tablets").contains((String) d.fields().get("category"))));
  }

  @Test
  void anEmptyQueryBrowsesEveryDocumentOnceAcrossPages() {
    Set<String> seen = new LinkedHashSet<>();
    List<String> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      SearchResult page =
          engine()
              .search(index, new SearchRequest("", List.of(), List.of(), null, 7, cursor, false));
      assertThat(page.total()).isEqualTo(corpus.documents().size());
      ids(page).forEach(id -> all.add(id));
      seen.addAll(ids(page));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(all).hasSize(corpus.documents().size()).doesNotHaveDuplicates();
    assertThat(seen).isEqualTo(corpus.ids());
    assertThat(pages).isEqualTo((corpus.documents().size() + 6) / 7);
  }

  @Test
  void hitsSortByAFieldEitherWayWithTheDocumentsWithoutItLast() {
    List<SearchResult.Hit> ascending = sorted("price", false);
    List<SearchResult.Hit> descending = sorted("price", true);

    assertThat(prices(ascending)).isSorted();
    assertThat(prices(descending)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(ascending.get(ascending.size() - 1).id()).isEqualTo("p25");
    assertThat(descending.get(descending.size() - 1).id()).isEqualTo("p25");
    assertThat(ascending).hasSize(corpus.documents().size());
  }

  @Test
  void hitsCarryTheirDocumentAndTheirMatchesMarked() {
    SearchResult result =
        engine()
            .search(index, new SearchRequest("galaxy", List.of(), List.of(), null, 10, null, true));

    assertThat(new HashSet<>(ids(result)))
        .isEqualTo(corpus.withWord(word -> word.equals("galaxy")));
    SearchResult.Hit first = result.hits().get(0);
    assertThat(first.fields())
        .isEqualTo(
            corpus.documents().stream()
                .filter(d -> d.id().equals(first.id()))
                .findFirst()
                .orElseThrow()
                .fields());
    assertThat(first.highlights().get("name")).anyMatch(text -> text.contains("<em>Galaxy</em>"));
  }

  @Test
  void aWriteReplacesByIdAndADeleteRemoves() {
    String own = fresh();
    engine().create(own);
    engine().write(own, corpus.documents().subList(0, 5), List.of());
    IndexDocument changed =
        new IndexDocument("p01", Map.of("name", "Apple iPhone 16", "price", new BigDecimal("899")));

    engine().write(own, List.of(changed), List.of("p02"));

    assertThat(engine().get(own, "p01")).contains(changed);
    assertThat(engine().get(own, "p02")).isEmpty();
    assertThat(engine().search(own, SearchRequest.browse(10)).total()).isEqualTo(4);
    assertThat(ids(search(own, "iphone 16"))).containsExactly("p01");
    engine().drop(own);
  }

  @Test
  void anAliasMovesEveryReaderToANewGenerationAtOnce() {
    String alias = fresh();
    String first = fresh();
    String second = fresh();
    engine().create(first);
    engine().write(first, corpus.documents().subList(0, 3), List.of());
    engine().alias(alias, first);
    engine().create(second);
    engine().write(second, corpus.documents().subList(3, 10), List.of());

    assertThat(engine().search(alias, SearchRequest.browse(50)).total()).isEqualTo(3);
    engine().alias(alias, second);
    engine().drop(first);

    assertThat(engine().aliased(alias)).contains(second);
    assertThat(engine().search(alias, SearchRequest.browse(50)).total()).isEqualTo(7);
    assertThat(engine().exists(first)).isFalse();
    engine().drop(second);
    assertThat(engine().aliased(alias)).isEmpty();
  }

  @Test
  void highlightsEscapeTheDocumentsOwnMarkupAndLongTextStaysSearchable() {
    String own = fresh();
    engine().create(own);
    String longText = "padding ".repeat(6000) + "needle";
    engine()
        .write(
            own,
            List.of(
                new IndexDocument("markup", Map.of("name", "<script>x</script> Galaxy & co")),
                new IndexDocument("long", Map.of("name", "long one", "notes", longText))),
            List.of());

    SearchResult galaxy =
        engine()
            .search(own, new SearchRequest("galaxy", List.of(), List.of(), null, 5, null, true));
    SearchResult needle =
        engine()
            .search(own, new SearchRequest("needle", List.of(), List.of(), null, 5, null, false));

    assertThat(galaxy.hits().get(0).highlights().get("name"))
        .allMatch(text -> !text.contains("<script>"))
        .anyMatch(text -> text.contains("&lt;script&gt;") && text.contains("<em>Galaxy</em>"));
    assertThat(ids(needle)).containsExactly("long");
    engine().drop(own);
  }

  @Test
  void aNumberGivenAsTextEqualsTheNumber() {
    assertThat(ids(filtered(new SearchFilter.Equals("price", "1199.0")))).containsExactly("p02");
  }

  @Test
  void aQueryOfTooManyWordsIsRefusedNamingTheQuery() {
    assertThatThrownBy(() -> search("one two three four five six seven eight nine ten eleven", 5))
        .isInstanceOf(SearchRequestException.class)
        .extracting(refused -> ((SearchRequestException) refused).field())
        .isEqualTo("query");
  }

  @Test
  void anAliasNamesOnlyAnIndexThatIsThereAndAnIndexListsByPrefix() {
    String prefix = fresh();
    engine().create(prefix + "-a");
    engine().create(prefix + "-b");

    assertThatThrownBy(() -> engine().alias(fresh(), prefix + "-missing"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(engine().indexes(prefix + "-")).containsExactly(prefix + "-a", prefix + "-b");
    engine().drop(prefix + "-a");
    engine().drop(prefix + "-b");
    assertThat(engine().indexes(prefix + "-")).isEmpty();
  }

  @Test
  void anIndexThatIsNotThereHasNoHits() {
    assertThat(engine().search(fresh(), SearchRequest.browse(10)).total()).isZero();
  }

  @Test
  void aCursorOfAnotherOrderIsRefused() {
    String cursor =
        engine()
            .search(index, new SearchRequest("", List.of(), List.of(), null, 2, null, false))
            .nextCursor();

    assertThatThrownBy(
            () ->
                engine()
                    .search(
                        index,
                        new SearchRequest(
                            "",
                            List.of(),
                            List.of(),
                            new SearchRequest.Sort("price", false),
                            2,
                            cursor,
                            false)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<SearchResult.Hit> sorted(String field, boolean descending) {
    return engine()
        .search(
            index,
            new SearchRequest(
                "",
                List.of(),
                List.of(),
                new SearchRequest.Sort(field, descending),
                100,
                null,
                false))
        .hits();
  }

  private static List<BigDecimal> prices(List<SearchResult.Hit> hits) {
    return hits.stream()
        .map(hit -> hit.fields().get("price"))
        .filter(java.util.Objects::nonNull)
        .map(price -> new BigDecimal(price.toString()))
        .toList();
  }

  private SearchResult filtered(SearchFilter filter) {
    return engine()
        .search(index, new SearchRequest("", List.of(filter), List.of(), null, 100, null, false));
  }

  private SearchResult search(String text, int size) {
    return engine()
        .search(index, new SearchRequest(text, List.of(), List.of(), null, size, null, false));
  }

  private SearchResult search(String in, String text) {
    return engine()
        .search(in, new SearchRequest(text, List.of(), List.of(), null, 10, null, false));
  }

  private static List<String> ids(SearchResult result) {
    return result.hits().stream().map(SearchResult.Hit::id).toList();
  }

  /** A name of BRMH's kind ({@code [a-z0-9-]}) no other test uses. */
  protected static String fresh() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
