package io.brmh.platform.search;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;

/** A structured condition on one field; never a query in an engine's own syntax. */
public sealed interface SearchFilter {
  String field();

  /** The field holds this text, number or boolean. */
  record Equals(String field, Object value) implements SearchFilter {}

  /** The field holds a number between these, both included; an absent end is open. */
  record Range(String field, @Nullable BigDecimal min, @Nullable BigDecimal max)
      implements SearchFilter {}

  /** The field holds one of these. */
  record In(String field, List<Object> values) implements SearchFilter {}
}
