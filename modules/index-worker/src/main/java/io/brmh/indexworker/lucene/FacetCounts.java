package io.brmh.indexworker.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the values of facet fields over every matching document: per segment by ordinal (an array
 * increment per value), then each ordinal's term once, summed across segments. Values come out most
 * frequent first, ties by value, at most {@value #MAX_VALUES} of them.
 */
final class FacetCounts
    implements CollectorManager<FacetCounts.Counter, Map<String, Map<String, Long>>> {
  /** The most values a facet answers, the most frequent. */
  static final int MAX_VALUES = 100;

  private final List<String> fields;

  FacetCounts(List<String> fields) {
    this.fields = fields;
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public Map<String, Map<String, Long>> reduce(Collection<Counter> counters) throws IOException {
    Map<String, Map<String, Long>> byField = new LinkedHashMap<>();
    for (String field : fields) {
      Map<String, Long> counts = new java.util.HashMap<>();
      for (Counter counter : counters) {
        for (Segment segment : counter.segments) {
          SortedSetDocValues values = segment.values.get(field);
          int[] perOrdinal = segment.counts.get(field);
          for (int ord = 0; ord < perOrdinal.length; ord++) {
            if (perOrdinal[ord] > 0) {
              counts.merge(values.lookupOrd(ord).utf8ToString(), (long) perOrdinal[ord], Long::sum);
            }
          }
        }
      }
      Map<String, Long> ordered = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(MAX_VALUES)
          .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
      byField.put(field, ordered);
    }
    return byField;
  }

  private record Segment(Map<String, SortedSetDocValues> values, Map<String, int[]> counts) {}

  /** One slice's counts, segment by segment. */
  final class Counter implements Collector {
    private final List<Segment> segments = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      Map<String, SortedSetDocValues> iterators = new LinkedHashMap<>();
      Map<String, SortedSetDocValues> lookups = new LinkedHashMap<>();
      Map<String, int[]> counts = new LinkedHashMap<>();
      for (String field : fields) {
        String name = LuceneDocuments.KEYWORD + field;
        SortedSetDocValues iterator = DocValues.getSortedSet(context.reader(), name);
        iterators.put(field, iterator);
        lookups.put(field, DocValues.getSortedSet(context.reader(), name));
        counts.put(field, new int[(int) iterator.getValueCount()]);
      }
      segments.add(new Segment(lookups, counts));
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          for (Map.Entry<String, SortedSetDocValues> entry : iterators.entrySet()) {
            SortedSetDocValues values = entry.getValue();
            if (values.advanceExact(doc)) {
              int[] perOrdinal = counts.get(entry.getKey());
              for (int i = 0; i < values.docValueCount(); i++) {
                perOrdinal[(int) values.nextOrd()]++;
              }
            }
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
