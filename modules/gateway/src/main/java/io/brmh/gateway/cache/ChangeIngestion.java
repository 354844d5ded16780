package io.brmh.gateway.cache;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.cache.ItemIds;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a posted change into a change event on the table's partition of the table log. The answer
 * (202) comes once Kafka has the event: from there the cache and index workers apply it in order,
 * and nothing is held in memory. Invalid changes are refused here, with the field at fault, instead
 * of failing later out of sight.
 */
@Singleton
class ChangeIngestion {
  private final TableDirectory tables;
  private final EventPublisher publisher;

  ChangeIngestion(TableDirectory tables, EventPublisher publisher) {
    this.tables = tables;
    this.publisher = publisher;
  }

  /** The answer to an accepted change. */
  @Serdeable
  record Accepted(String message, String tableName, String type, String eventId) {}

  Accepted ingest(ChangeRequest request, String table) {
    if (!CacheNames.isValidTable(table)) {
      throw ProblemException.invalidField("tableName", "must be " + CacheNames.TABLE_RULE);
    }
    TableItemChanged.Operation op = operation(request.type());
    Map<String, Object> after =
        op == TableItemChanged.Operation.REMOVE ? null : image(request.newItem(), "newItem", true);
    Map<String, Object> before =
        image(request.oldItem(), "oldItem", op == TableItemChanged.Operation.REMOVE);
    List<String> keyAttributes = tables.cacheableKeyAttributes(table, "tableName");
    Map<String, Object> image = after != null ? after : before;
    String imageField = after != null ? "newItem" : "oldItem";
    Map<String, Object> keys = new LinkedHashMap<>();
    for (String attribute : keyAttributes) {
      if (!image.containsKey(attribute)) {
        throw ProblemException.invalidField(
            imageField, "lacks the table's key attribute " + attribute);
      }
      keys.put(attribute, image.get(attribute));
    }
    if (ItemIds.of(image, keyAttributes).isEmpty()) {
      throw ProblemException.invalidField(
          imageField, "has no id to cache it by (id, pk, PK, Id, ID or a single key attribute)");
    }
    var change =
        new TableItemChanged(
            op,
            keys,
            before,
            after,
            new TableItemChanged.Source(
                table, TableItemChanged.Origin.API, null, null, null, null));
    var attributes =
        EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/gateway", table);
    try {
      publisher.publish(new Envelope<>(attributes, change)).join();
    } catch (RuntimeException kafkaDown) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "queue-unavailable",
          "The change could not be queued; try again.");
    }
    return new Accepted("Cache update accepted", table, op.name(), attributes.id());
  }

  private static TableItemChanged.Operation operation(String type) {
    try {
      return TableItemChanged.Operation.valueOf(String.valueOf(type));
    } catch (IllegalArgumentException unknown) {
      throw ProblemException.invalidField("type", "must be INSERT, MODIFY or REMOVE");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> image(
      Map<String, Object> posted, String field, boolean required) {
    if (posted == null || posted.isEmpty()) {
      if (required) {
        throw ProblemException.invalidField(field, "is required for this type");
      }
      return null;
    }
    try {
      return PlainValues.isAttributeValueJson(posted)
          ? PlainValues.fromAttributeValueJson(posted)
          : (Map<String, Object>) PlainValues.normalize(posted);
    } catch (IllegalArgumentException | ClassCastException malformed) {
      throw ProblemException.invalidField(
          field, "is not DynamoDB attribute-value JSON: " + malformed.getMessage());
    }
  }
}
