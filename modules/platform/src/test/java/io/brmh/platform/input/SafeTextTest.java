package io.brmh.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void namesInAnyScriptKeepTheRule() {
    for (String name : new String[] {"orders", "Zürich-2", "東京", "a b", "emoji-😀", "d'Artagnan"}) {
      assertThat(SafeText.isSafe(name)).as(name).isTrue();
    }
  }

  @Test
  void controlFormatSeparatorAndLoneSurrogateCharactersBreakIt() {
    String[] unsafe = {
      "a\u0000b",
      "tab\t",
      "line\n",
      "del\u007f",
      "c1\u0085",
      "rlo\u202e",
      "lri\u2066",
      "zwsp\u200b",
      "zwj\u200d",
      "bom\ufeff",
      "shy\u00ad",
      "ls\u2028",
      "nbsp\u00a0",
      "ideographic\u3000",
      "lone\ud800",
      "lone\udc00x",
      "tag\udb40\udc41"
    };
    for (String text : unsafe) {
      assertThat(SafeText.isSafe(text)).as(text.codePoints().boxed().toList().toString()).isFalse();
    }
  }

  @Test
  void shownTextEscapesWhatTheRuleRefuses() {
    assertThat(SafeText.shown("plain name")).isEqualTo("plain name");
    assertThat(SafeText.shown("a\u0000b\u202ec😀")).isEqualTo("a\\u0000b\\u202ec😀");
    assertThat(SafeText.shown("lone\ud800")).isEqualTo("lone\\ud800");
  }
}
