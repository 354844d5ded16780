package io.brmh.namespaceworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a finished duplicate or delete job must have left, thing by thing. */
final class NamespaceCopyCheck {
  private NamespaceCopyCheck() {}

  static void assertCopied(
      SeededNamespace seeds, SeededNamespace.Seed seed, Namespace copy, boolean secrets) {
    CopyIds ids = new CopyIds(copy.id());
    Map<String, String> tableNames = new LinkedHashMap<>();
    for (String table : seed.tables()) {
      tableNames.put(table, copy.name() + table.substring(seed.namespace().name().length()));
    }
    for (EntityKind kind : List.of(EntityKind.METHOD, EntityKind.ACCOUNT, EntityKind.WEBHOOK)) {
      List<NamespaceEntity> originals =
          switch (kind) {
            case METHOD -> seed.methods();
            case ACCOUNT -> seed.accounts();
            case WEBHOOK -> seed.webhooks();
          };
      Map<String, NamespaceEntity> copies =
          seeds.all(kind, copy.id()).stream()
              .collect(Collectors.toMap(NamespaceEntity::id, Function.identity()));
      assertThat(copies).as(kind + " copies").hasSize(originals.size());
      for (NamespaceEntity original : originals) {
        NamespaceEntity copied = copies.get(ids.of(original.id()));
        assertThat(copied).as("copy of " + original.id()).isNotNull();
        Map<String, Object> expected = new LinkedHashMap<>(original.data());
        expected.put("duplicated-from", original.id());
        if (expected.get("method-id") instanceof String method) {
          expected.put("method-id", ids.of(method));
        }
        if (expected.get("account-id") instanceof String account) {
          expected.put("account-id", ids.of(account));
        }
        if (expected.get("tableName") instanceof String table) {
          expected.put("tableName", tableNames.getOrDefault(table, table));
        } else if (expected.get("tableName") instanceof Map<?, ?> byMethod) {
          Map<String, Object> linked = new LinkedHashMap<>();
          byMethod.forEach(
              (m, t) -> linked.put(String.valueOf(m), tableNames.get(String.valueOf(t))));
          expected.put("tableName", linked);
        }
        if (!secrets && expected.get("namespace-account-header") instanceof List<?> headers) {
          expected.put(
              "namespace-account-header",
              headers.stream()
                  .map(
                      h -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) h);
                        if (Boolean.TRUE.equals(entry.get("secret"))) {
                          entry.put("value", "");
                        }
                        return (Object) entry;
                      })
                  .toList());
          assertThat(copied.sealed()).as("credentials of " + copied.id()).isEmpty();
        }
        assertThat(copied.data()).as("data of the copy of " + original.id()).isEqualTo(expected);
      }
    }
    Map<String, NamespaceSchema> schemaCopies =
        seeds.allSchemas(copy.id()).stream()
            .collect(Collectors.toMap(NamespaceSchema::id, Function.identity()));
    assertThat(schemaCopies).hasSize(seed.schemas().size());
    for (NamespaceSchema original : seed.schemas()) {
      NamespaceSchema copied = schemaCopies.get(ids.of(original.id()));
      assertThat(copied).isNotNull();
      assertThat(copied.schemaName()).isEqualTo(original.schemaName());
      assertThat(copied.methodId()).isEqualTo(ids.of(original.methodId()));
      assertThat(copied.duplicatedFrom()).isEqualTo(original.id());
      assertThat(copied.schema()).isEqualTo(SchemaReferences.relinked(original.schema(), ids::of));
      String text = seeds.schemas.text(copied.schema());
      assertThat(text).contains("12345678901234567890.125").contains("#/$defs/thing");
      for (NamespaceSchema other : seed.schemas()) {
        assertThat(text).as("no reference to an original").doesNotContain(other.id());
      }
    }
    for (Map.Entry<String, String> table : tableNames.entrySet()) {
      NamespaceTables.NamespaceTable recorded = seeds.tables.find(table.getValue()).orElseThrow();
      assertThat(recorded.namespaceId()).isEqualTo(copy.id());
      assertThat(seeds.items(table.getKey())).isNotEmpty();
      assertThat(seeds.items(table.getValue()))
          .as("items of " + table.getValue())
          .isEqualTo(seeds.items(table.getKey()));
    }
    assertThat(seeds.members.members(copy.id()))
        .extracting(m -> m.userId())
        .containsExactly(SeededNamespace.OWNER);
  }

  static void assertGone(SeededNamespace seeds, SeededNamespace.Seed seed, boolean tablesDropped) {
    String id = seed.namespace().id();
    assertThat(seeds.namespaces.find(id)).isEmpty();
    assertThat(seeds.namespaces.findByName(seed.namespace().name())).isEmpty();
    for (EntityKind kind : EntityKind.values()) {
      assertThat(seeds.all(kind, id)).as(kind + " left").isEmpty();
    }
    for (NamespaceEntity entity : seed.methods()) {
      assertThat(seeds.entities.find(EntityKind.METHOD, entity.id())).isEmpty();
    }
    for (NamespaceEntity entity : seed.accounts()) {
      assertThat(seeds.entities.find(EntityKind.ACCOUNT, entity.id())).isEmpty();
    }
    for (NamespaceEntity entity : seed.webhooks()) {
      assertThat(seeds.entities.find(EntityKind.WEBHOOK, entity.id())).isEmpty();
    }
    assertThat(seeds.allSchemas(id)).isEmpty();
    for (NamespaceSchema schema : seed.schemas()) {
      assertThat(seeds.schemas.find(schema.id())).isEmpty();
    }
    assertThat(seeds.tables.listOf(id)).isEmpty();
    for (String table : seed.tables()) {
      assertThat(seeds.tables.find(table)).isEmpty();
      assertThat(seeds.tableExists(table)).as(table + " in DynamoDB").isEqualTo(!tablesDropped);
    }
    assertThat(seeds.members.members(id)).isEmpty();
  }
}
