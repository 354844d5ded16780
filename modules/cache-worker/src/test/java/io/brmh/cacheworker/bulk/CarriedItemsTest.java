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
 * Where each segment resumes while pages of two segments are taken in turn and chunks of three mix
 * their items: a load stopped at any point resumes each segment after the key of its last item in a
 * key, so it re-reads exactly the items not yet in one, whatever changed in the table meanwhile.
 */
class CarriedItemsTest {
  private static final List<String> KEY = List.of("id");

  @Test
  void eachSegmentResumesAfterItsLastItemInAKey() {
    CarriedItems carried =
        new CarriedItems(List.of(SegmentPosition.BEGINNING, SegmentPosition.BEGINNING));
    ScanAhead.Page a = page("a", 0, 5, true);
    ScanAhead.Page b = page("a", 5, 7, false);
    ScanAhead.Page c = page("c", 0, 4, true);
    ScanAhead.Page d = page("c", 4, 5, false);

    carried.add(new SegmentedScan.Taken(0, a), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a0", "a1", "a2");
    assertThat(carried.positions()).containsExactly(after("a2"), SegmentPosition.BEGINNING);

    carried.add(new SegmentedScan.Taken(1, c), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a3", "a4", "c0", "c1", "c2", "c3");
    assertThat(carried.positions()).containsExactly(after("a4"), after("c3"));

    carried.add(new SegmentedScan.Taken(0, b), KEY);
    assertThat(takeChunks(carried, 3)).isEmpty();
    assertThat(carried.positions())
        .as("a5 and a6 are carried: segment 0 is read, not written")
        .containsExactly(after("a4"), after("c3"));

    carried.add(new SegmentedScan.Taken(1, d), KEY);
    assertThat(takeChunks(carried, 3)).containsExactly("a5", "a6", "c4");
    assertThat(carried.positions())
        .containsExactly(
            new SegmentPosition(ScanKeys.encode(key("a6")), true),
            new SegmentPosition(ScanKeys.encode(key("c4")), true));
  }

  @Test
  void aResumedSegmentKeepsItsPositionUntilItsFirstItemIsTaken() {
    SegmentPosition resumed = after("a3");
    CarriedItems carried = new CarriedItems(List.of(resumed, new SegmentPosition(null, true)));

    assertThat(carried.positions()).containsExactly(resumed, new SegmentPosition(null, true));
    carried.add(new SegmentedScan.Taken(0, page("a", 4, 6, false)), KEY);
    assertThat(takeChunks(carried, 1)).containsExactly("a4", "a5");
    assertThat(carried.positions())
        .containsExactly(
            new SegmentPosition(ScanKeys.encode(key("a5")), true), new SegmentPosition(null, true));
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
    return new SegmentPosition(ScanKeys.encode(key(id)), false);
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  /**
   * Items {@code prefix + from} to before {@code prefix + to}; a page with more to come has a last
   * evaluated key.
   */
  private static ScanAhead.Page page(String prefix, int from, int to, boolean more) {
    List<Map<String, AttributeValue>> items =
        IntStream.range(from, to).mapToObj(i -> key(prefix + i)).toList();
    ScanResponse.Builder response = ScanResponse.builder().items(items).count(items.size());
    if (more) {
      response.lastEvaluatedKey(key(prefix + (to - 1)));
    }
    return new ScanAhead.Page(response.build());
  }
}
