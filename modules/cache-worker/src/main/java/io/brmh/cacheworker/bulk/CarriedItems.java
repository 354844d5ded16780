package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.bulk.BulkCheckpoint.SegmentPosition;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.ItemJson;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items a bulk load scanned but has not yet put into a key (in chunk mode, fewer than a chunk),
 * and from them where each scan segment resumes once the keys taken so far are written: at its
 * first item still carried, else after its last page taken.
 */
final class CarriedItems {
  private final Deque<Item> items = new ArrayDeque<>();
  private final SegmentPosition[] afterLastPage;

  /**
   * A scanned item as its cached text, with where it was found.
   *
   * @param id the item's id, null when it has none (item mode then keys it by its ordinal)
   */
  record Item(int segment, Map<String, AttributeValue> pageStart, int index, String id, String json) {}

  /** @param start each segment's position when the load (re)started */
  CarriedItems(List<SegmentPosition> start) {
    afterLastPage = start.toArray(SegmentPosition[]::new);
  }

  /** Adds the page's items not written before, as their cached text. */
  void add(SegmentedScan.Taken taken, List<String> keyAttributes) {
    ScanAhead.Page page = taken.page();
    List<Map<String, AttributeValue>> scanned = page.response().items();
    for (int i = taken.skip(); i < scanned.size(); i++) {
      Map<String, AttributeValue> item = scanned.get(i);
      items.add(new Item(taken.segment(), page.startKey(), i, ItemIds.ofItem(item, keyAttributes).orElse(null), ItemJson.write(item)));
    }
    afterLastPage[taken.segment()] = page.isLast()
        ? new SegmentPosition(null, 0, true)
        : new SegmentPosition(ScanKeys.encode(page.response().lastEvaluatedKey()), 0, false);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  Item poll() {
    return items.pollFirst();
  }

  /** Where each segment resumes if the load stops once the items taken out so far are written. */
  List<SegmentPosition> positions() {
    SegmentPosition[] positions = afterLastPage.clone();
    boolean[] found = new boolean[positions.length];
    for (Item item : items) {
      if (!found[item.segment()]) {
        found[item.segment()] = true;
        positions[item.segment()] = new SegmentPosition(ScanKeys.encode(item.pageStart()), item.index(), false);
      }
    }
    return Arrays.asList(positions);
  }
}
