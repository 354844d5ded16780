package io.brmh.platform.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items as documents: their ids, and the fields an index configuration takes. */
class SearchDocumentsTest {

  @Test
  void twoKeysThatDifferNeverShareAnId() {
    assertThat(SearchDocuments.id(Map.of("a", "x|y", "b", "z")))
        .isNotEqualTo(SearchDocuments.id(Map.of("a", "x", "b", "y|z")));
    assertThat(SearchDocuments.id(Map.of("a", "x\\", "b", "|z")))
        .isNotEqualTo(SearchDocuments.id(Map.of("a", "x", "b", "\\|z")));
    assertThat(SearchDocuments.id(Map.of("id", "a|b"))).isEqualTo("a|b");
    assertThat(SearchDocuments.id(Map.of("id", new BigDecimal("7.50")))).isEqualTo("7.5");
  }

  @Test
  void aConfigurationTakesItsPathsDroppingTheOriginalsItemPrefix() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", "p1");
    item.put("name", "Phone");
    item.put("price", Map.of("amount", 7));
    item.put("secret", "not indexed");
    IndexConfig config =
        new IndexConfig(
            "c",
            "p",
            "t",
            null,
            List.of("Item.name", "price.amount", "missing"),
            IndexConfig.ACTIVE,
            Instant.EPOCH,
            Instant.EPOCH);

    IndexDocument document = SearchDocuments.of(config, Map.of("id", "p1"), item);

    assertThat(document.id()).isEqualTo("p1");
    assertThat(document.fields())
        .containsOnly(Map.entry("name", "Phone"), Map.entry("price.amount", new BigDecimal("7")));
  }
}
