package io.brmh.gateway.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * A Redis-style glob ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [^a]}, {@code \}
 * escaping) matched without regular expressions: one pass with a single backtrack point, so a key
 * costs at most its length times the pattern's, whatever the pattern (a regex of {@code *a*a*a*b}
 * backtracks exponentially). Patterns are limited to {@value #MAX_LENGTH} characters.
 */
final class KeyGlob {
  static final int MAX_LENGTH = 256;

  private final List<Token> tokens;

  private KeyGlob(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * @throws IllegalArgumentException for a pattern too long, with an unclosed {@code [} or a
   *     trailing {@code \}
   */
  static KeyGlob compile(String glob) {
    if (glob.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    List<Token> tokens = new ArrayList<>();
    int[] points = glob.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      int c = points[i];
      if (c == '*') {
        if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != Token.STAR) {
          tokens.add(Token.STAR);
        }
      } else if (c == '?') {
        tokens.add(Token.ANY);
      } else if (c == '[') {
        i = parseClass(points, i + 1, tokens);
      } else if (c == '\\') {
        if (++i == points.length) {
          throw new IllegalArgumentException("ends with an unescaped \\");
        }
        tokens.add(Token.literal(points[i]));
      } else {
        tokens.add(Token.literal(c));
      }
    }
    return new KeyGlob(List.copyOf(tokens));
  }

  /**
   * @return the index of the closing {@code ]}
   */
  private static int parseClass(int[] points, int from, List<Token> tokens) {
    int i = from;
    boolean negated = i < points.length && (points[i] == '^' || points[i] == '!');
    if (negated) {
      i++;
    }
    List<int[]> ranges = new ArrayList<>();
    for (; i < points.length && (points[i] != ']' || i == from + (negated ? 1 : 0)); i++) {
      int low = points[i] == '\\' && i + 1 < points.length ? points[++i] : points[i];
      int high = low;
      if (i + 2 < points.length && points[i + 1] == '-' && points[i + 2] != ']') {
        high = points[i + 2];
        i += 2;
      }
      ranges.add(new int[] {Math.min(low, high), Math.max(low, high)});
    }
    if (i >= points.length) {
      throw new IllegalArgumentException("has an unclosed [");
    }
    tokens.add(new Token(Token.Kind.CLASS, ranges, negated, 0));
    return i;
  }

  boolean matches(String text) {
    int[] points = text.codePoints().toArray();
    int t = 0;
    int s = 0;
    int starToken = -1;
    int starText = -1;
    while (s < points.length) {
      if (t < tokens.size() && tokens.get(t) == Token.STAR) {
        starToken = t++;
        starText = s;
      } else if (t < tokens.size() && tokens.get(t).matches(points[s])) {
        t++;
        s++;
      } else if (starToken >= 0) {
        t = starToken + 1;
        s = ++starText;
      } else {
        return false;
      }
    }
    while (t < tokens.size() && tokens.get(t) == Token.STAR) {
      t++;
    }
    return t == tokens.size();
  }

  private record Token(Kind kind, List<int[]> ranges, boolean negated, int literal) {
    enum Kind {
      STAR,
      ANY,
      LITERAL,
      CLASS
    }

    static final Token STAR = new Token(Kind.STAR, List.of(), false, 0);
    static final Token ANY = new Token(Kind.ANY, List.of(), false, 0);

    static Token literal(int c) {
      return new Token(Kind.LITERAL, List.of(), false, c);
    }

    /** Whether this one-character token takes {@code c}. */
    boolean matches(int c) {
      return switch (kind) {
        case ANY -> true;
        case LITERAL -> c == literal;
        case CLASS -> ranges.stream().anyMatch(range -> range[0] <= c && c <= range[1]) != negated;
        case STAR -> false;
      };
    }
  }
}
