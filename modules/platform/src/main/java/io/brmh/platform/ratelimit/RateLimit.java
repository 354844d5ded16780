package io.brmh.platform.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code max} attempts per {@code window}, written {@code <max>/<window>} in configuration,
 * the window as a number and a unit: {@code 10/5m}, {@code 60/1m}, {@code 1000/1h}, {@code 5/30s}.
 */
public record RateLimit(int max, Duration window) {
  private static final Pattern TEXT = Pattern.compile("(\\d+)/(\\d+)([smh])");

  public RateLimit {
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "a rate limit needs a positive count and window, not " + max + "/" + window);
    }
  }

  public static RateLimit parse(String text) {
    Matcher matcher = TEXT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "a rate limit is written <max>/<window>, like 10/5m, not " + text);
    }
    long amount = Long.parseLong(matcher.group(2));
    Duration window =
        switch (matcher.group(3)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    return new RateLimit(Integer.parseInt(matcher.group(1)), window);
  }
}
