package io.brmh.cacheworker.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.cacheworker.bulk.BulkCheckpoint.SegmentPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Where each segment resumes while pages of two segments are taken in turn and chunks of three
 * mix their items: a load stopped at any point must re-read exactly the items not yet in a key.
 */
class CarriedItemsTest {
  private static final List<String> KEY = List.of("id");

  @Test
  void eachSegmentResumesAtItsFirstItemNotYetInAKey() {
    CarriedItems carried = new CarriedItems(List.of(SegmentPosition.BEGINNING, SegmentPosition.BEGINNING));
    ScanAhead.Page a = page(null, "a", 0, 5, "a4");
    ScanAhead.Page b = page(key("a4"), "a", 5, 7, null);
    ScanAhead.Page c = page(null, "c", 0, 4, "c3");
    ScanAhead.Page d = page(key("c3"), "c", 4, 5, null);

    carried.add(new SegmentedScan.Taken(0, a, 0), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a0", "a1", "a2");
    assertThat(carried.positions()).containsExactly(new SegmentPosition(null, 3, false), SegmentPosition.BEGINNING);

    carried.add(new SegmentedScan.Taken(1, c, 0), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a3", "a4", "c0", "c1", "c2", "c3");
    assertThat(carried.positions()).containsExactly(after("a4"), after("c3"));

    carried.add(new SegmentedScan.Taken(0, b, 0), KEY);
    assertThat(takeChunks(carried, 3)).isEmpty();
    assertThat(carried.positions()).containsExactly(new SegmentPosition(ScanKeys.encode(key("a4")), 0, false), after("c3"));

    carried.add(new SegmentedScan.Taken(1, d, 0), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a5", "a6", "c4");
    assertThat(carried.positions()).containsExactly(new SegmentPosition(null, 0, true), new SegmentPosition(null, 0, true));
  }

  @Test
  void aResumedPageSkipsTheItemsWrittenBefore() {
    CarriedItems carried = new CarriedItems(List.of(new SegmentPosition(null, 3, false)));
    carried.add(new SegmentedScan.Taken(0, page(null, "a", 0, 5, "a4"), 3), KEY);
    assertThat(takeChunks(carried, 1)).containsExactly("a3", "a4");
  }

  /** Takes whole chunks out, as a load does after each page; returns the ids taken. */
  private static List<String> takeChunks(CarriedItems carried, int perKey) {
    List<String> taken = new ArrayList<>();
    while (carried.size() >= perKey) {
      for (int i = 0; i < perKey; i++) {
        taken.add(carried.poll().id());
      }
    }
    return taken;
  }

  private static SegmentPosition after(String id) {
    return new SegmentPosition(ScanKeys.encode(key(id)), 0, false);
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  /** Items {@code prefix + from} to before {@code prefix + to}; the last evaluated key, null on a segment's last page. */
  private static ScanAhead.Page page(Map<String, AttributeValue> startKey, String prefix, int from, int to, String lastEvaluatedId) {
    List<Map<String, AttributeValue>> items = IntStream.range(from, to).mapToObj(i -> key(prefix + i)).toList();
    ScanResponse.Builder response = ScanResponse.builder().items(items).count(items.size());
    if (lastEvaluatedId != null) {
      response.lastEvaluatedKey(key(lastEvaluatedId));
    }
    return new ScanAhead.Page(startKey, response.build());
  }
}
