package io.brmh.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemOrderTest {
  private static final List<String> TRICKY =
      List.of(
          "",
          "a",
          "A",
          "á",
          "ab",
          "a-b",
          "a b",
          "a\u0000b",
          "B",
          "b",
          "item-000001",
          "item-00001",
          "item-1",
          "item_1",
          "Item-1",
          "é",
          "e",
          "E",
          "ẞ",
          "ss",
          "中文",
          "日本",
          "\uD83D\uDE00",
          "\uD83D\uDE00a",
          "z",
          "Z",
          "zz",
          "10",
          "9",
          "-1",
          "co-op",
          "coop",
          "Ω",
          "ω",
          "\u200Ba",
          "\u202Eab");

  @Test
  void membersSortedByTheirBytesFollowTheCollatorThenTheId() {
    List<String> ids = new ArrayList<>(TRICKY);
    Random random = new Random(12);
    for (int i = 0; i < 5_000; i++) {
      ids.add(randomId(random));
    }
    Collator collator = Collator.getInstance(Locale.US);
    List<String> byCollator = new ArrayList<>(ids);
    byCollator.sort(
        Comparator.<String, String>comparing(id -> id, collator)
            .thenComparing(id -> id.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    List<String> byMemberBytes = new ArrayList<>(ids);
    byMemberBytes.sort(
        Comparator.comparing(
            id -> ItemOrder.member(id).getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(byMemberBytes.get(i))
          .as("at %d: %s", i, byCollator.subList(Math.max(0, i - 2), Math.min(ids.size(), i + 3)))
          .isEqualTo(byCollator.get(i));
    }
  }

  @Test
  void aMemberGivesBackItsIdWhateverTheIdHolds() {
    assertThat(ItemOrder.idsOf(ItemOrder.members(TRICKY))).isEqualTo(TRICKY);
  }

  @Test
  void theAsciiFastPathMakesTheCollatorsMemberForEveryShortIdAndManyLongOnes() {
    Collator collator = ItemOrder.collator();
    List<String> ids = new ArrayList<>(List.of(""));
    for (char a = 0x20; a <= 0x7E; a++) {
      ids.add(String.valueOf(a));
      for (char b = 0x20; b <= 0x7E; b++) {
        ids.add("" + a + b);
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      char[] id = new char[3 + random.nextInt(14)];
      for (int j = 0; j < id.length; j++) {
        id[j] = (char) (0x20 + random.nextInt(0x7F - 0x20));
      }
      ids.add(new String(id));
    }
    for (String id : ids) {
      assertThat(ItemOrder.member(id))
          .as("member of \"%s\"", id)
          .isEqualTo(ItemOrder.collatorMember(collator, id));
    }
  }

  @Test
  void aLatinIdCostsAboutOneBytePerCharacterAndLevel() {
    assertThat(ItemOrder.member("item-000001").getBytes(StandardCharsets.UTF_8)).hasSize(47);
  }

  private static String randomId(Random random) {
    String alphabet = "aAbBcCeéEÉ-_ .09zZß中\uD83D\uDE00";
    StringBuilder id = new StringBuilder();
    int length = 1 + random.nextInt(8);
    for (int i = 0; i < length; i++) {
      int at = random.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        id.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        id.append(c);
      }
    }
    return id.toString();
  }
}
