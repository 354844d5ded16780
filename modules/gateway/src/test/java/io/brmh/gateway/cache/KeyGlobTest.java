package io.brmh.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGlobTest {
  @Test
  void starQuestionMarkAndClassesMatchAsRedisGlobsDo() {
    assertThat(KeyGlob.compile("item-*").matches("item-0001")).isTrue();
    assertThat(KeyGlob.compile("item-*").matches("items")).isFalse();
    assertThat(KeyGlob.compile("*").matches("")).isTrue();
    assertThat(KeyGlob.compile("a?c").matches("abc")).isTrue();
    assertThat(KeyGlob.compile("a?c").matches("ac")).isFalse();
    assertThat(KeyGlob.compile("[ab]x").matches("bx")).isTrue();
    assertThat(KeyGlob.compile("[a-c]x").matches("cx")).isTrue();
    assertThat(KeyGlob.compile("[^a-c]x").matches("cx")).isFalse();
    assertThat(KeyGlob.compile("[!a-c]x").matches("dx")).isTrue();
    assertThat(KeyGlob.compile("chunk:[0-9]*").matches("chunk:12")).isTrue();
    assertThat(KeyGlob.compile("*:*").matches("no colon")).isFalse();
  }

  @Test
  void aBackslashTakesTheNextCharacterLiterally() {
    assertThat(KeyGlob.compile("a\\*").matches("a*")).isTrue();
    assertThat(KeyGlob.compile("a\\*").matches("ab")).isFalse();
    assertThat(KeyGlob.compile("[\\]]").matches("]")).isTrue();
  }

  @Test
  void charactersBeyondTheBasicPlaneCountAsOne() {
    assertThat(KeyGlob.compile("?").matches("\uD83D\uDE00")).isTrue();
  }

  @Test
  void aPatternThatBacktracksExponentiallyAsARegexIsAnsweredAtOnce() {
    String key = "a".repeat(10_000);
    long start = System.nanoTime();
    assertThat(KeyGlob.compile("*a*a*a*a*a*a*a*a*a*a*b").matches(key)).isFalse();
    // A regex needs far beyond a minute here; the glob's bound is key length × pattern length
    // steps.
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void malformedAndOverlongPatternsAreRefused() {
    assertThatThrownBy(() -> KeyGlob.compile("[abc")).hasMessageContaining("unclosed [");
    assertThatThrownBy(() -> KeyGlob.compile("abc\\")).hasMessageContaining("unescaped");
    assertThatThrownBy(() -> KeyGlob.compile("a".repeat(KeyGlob.MAX_LENGTH + 1)))
        .hasMessageContaining("at most 256");
  }
}
