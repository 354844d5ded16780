package io.brmh.gateway.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.cache.CacheNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** The bodies of the search and indexing routes. */
final class SearchRequests {
  static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String ID_MESSAGE = "must be a namespace id (a UUID)";
  static final String FIELD = "[A-Za-z0-9_.$-]{1,256}";
  static final String FIELD_MESSAGE = "must be a field path: letters, digits, _ . $ -";

  private SearchRequests() {}

  /**
   * A search index of one namespace table, the original's {@code brmh-indexing} item.
   *
   * @param project the namespace the table belongs to
   * @param customFields the item fields indexed (dot paths); none indexes every top-level field
   */
  @Serdeable
  record NewIndex(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String project,
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String table,
      @Nullable @Size(max = 1024) String description,
      @Nullable @Size(max = 50)
          List<@NotNull @Size(max = 256) @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String>
              customFields) {}

  /**
   * The original's {@code POST /search/indices}: a namespace's indexes, of one table or all.
   *
   * @param project the namespace (required here: the original listed every project's)
   */
  @Serdeable
  record Indices(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String project,
      @Nullable
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String table) {}

  /** The original's {@code POST /search/index}: the table's index built again (made if none). */
  @Serdeable
  record Reindex(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String project,
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String table,
      @Nullable @Size(max = 50)
          List<@NotNull @Size(max = 256) @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String>
              customFields) {}

  /**
   * A search of a table's index.
   *
   * @param query words looked for, typos forgiven, the last one also as a prefix; empty browses
   * @param filters conditions on fields (no engine syntax)
   * @param facets fields whose values are counted over every hit
   * @param hitsPerPage hits per page (default 20, at most 100)
   * @param cursor the {@code nextCursor} of the page before
   */
  @Serdeable
  record Query(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String project,
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String table,
      @Nullable @Size(max = 512) String query,
      @Nullable @Size(max = 20) List<@NotNull @Valid Filter> filters,
      @Nullable @Size(max = 10)
          List<@NotNull @Size(max = 256) @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String>
              facets,
      @Nullable @Valid Sort sort,
      @Nullable @Min(1) @Max(100) Integer hitsPerPage,
      @Nullable @Size(max = 4096) String cursor,
      @Nullable Boolean highlight) {}

  /**
   * One condition: {@code eq} (the field holds {@code value}), {@code in} (one of {@code values}),
   * {@code range} ({@code min} ≤ the number ≤ {@code max}, either open).
   */
  @Serdeable
  record Filter(
      @NotBlank @Size(max = 256) @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String field,
      @NotNull Op op,
      @Nullable @Size(max = 1024) String value,
      @Nullable @Size(max = 100) List<@NotNull @Size(max = 1024) String> values,
      @Nullable BigDecimal min,
      @Nullable BigDecimal max) {}

  /** How a filter compares. */
  enum Op {
    eq,
    in,
    range
  }

  /** An order by one field; documents without it come last. */
  @Serdeable
  record Sort(
      @NotBlank @Size(max = 256) @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String field,
      @Nullable @JsonProperty("order") Order order) {}

  /** Ascending or descending. */
  enum Order {
    asc,
    desc
  }
}
