package io.brmh.cacheworker.bulk;

import io.brmh.cacheworker.bulk.BulkCheckpoint.SegmentPosition;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.ItemJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items a bulk load scanned but has not yet put into a key (in chunk mode, fewer than a chunk), and
 * from them where each scan segment resumes once the keys taken so far are written: after the
 * primary key of its last item taken out, and done once its last page was read and none of its
 * items is still carried.
 */
final class CarriedItems {
  private final Deque<Item> items = new ArrayDeque<>();
  private final Map<String, Map<String, String>>[] lastTaken;
  private final boolean[] lastPageRead;
  private final int[] carriedPerSegment;

  /**
   * A scanned item as its cached text, with the segment it came from and its primary key.
   *
   * @param id the item's id, null when it has none (item mode then keys it by its ordinal)
   */
  record Item(int segment, Map<String, AttributeValue> key, String id, String json) {}

  /**
   * @param start each segment's position when the load (re)started
   */
  @SuppressWarnings("unchecked")
  CarriedItems(List<SegmentPosition> start) {
    lastTaken = new Map[start.size()];
    lastPageRead = new boolean[start.size()];
    carriedPerSegment = new int[start.size()];
    for (int segment = 0; segment < start.size(); segment++) {
      lastTaken[segment] = start.get(segment).afterKey();
      lastPageRead[segment] = start.get(segment).done();
    }
  }

  /** Adds the page's items as their cached text. */
  void add(SegmentedScan.Taken taken, List<String> keyAttributes) {
    ScanAhead.Page page = taken.page();
    for (Map<String, AttributeValue> item : page.response().items()) {
      Map<String, AttributeValue> key = new HashMap<>();
      keyAttributes.forEach(attribute -> key.put(attribute, item.get(attribute)));
      items.add(
          new Item(
              taken.segment(),
              key,
              ItemIds.ofItem(item, keyAttributes).orElse(null),
              ItemJson.write(item)));
      carriedPerSegment[taken.segment()]++;
    }
    lastPageRead[taken.segment()] = page.isLast();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  /** The next item to put into a key; its segment resumes after it once that key is written. */
  Item poll() {
    Item item = items.pollFirst();
    if (item != null) {
      carriedPerSegment[item.segment()]--;
      lastTaken[item.segment()] = ScanKeys.encode(item.key());
    }
    return item;
  }

  /** Where each segment resumes if the load stops once the items taken out so far are written. */
  List<SegmentPosition> positions() {
    List<SegmentPosition> positions = new ArrayList<>(lastTaken.length);
    for (int segment = 0; segment < lastTaken.length; segment++) {
      positions.add(
          new SegmentPosition(
              lastTaken[segment], lastPageRead[segment] && carriedPerSegment[segment] == 0));
    }
    return positions;
  }
}
