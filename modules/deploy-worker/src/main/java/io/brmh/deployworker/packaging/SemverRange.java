package io.brmh.deployworker.packaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm version ranges packages ask for, enough to pick a version from a registry: exact
 * versions, {@code ^} and {@code ~}, {@code x} ranges and {@code *}, comparators ({@code >=1.2.0
 * <2}), hyphen ranges and {@code ||}. Pre-releases are taken only when asked for exactly. Anything
 * else (a URL, {@code git+}, {@code file:}, {@code npm:} aliases, tags) is no range: {@link #parse}
 * refuses it.
 */
final class SemverRange {
  private static final Pattern VERSION =
      Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
  private static final Pattern PARTIAL =
      Pattern.compile(
          "v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?");
  private static final Pattern COMPARATOR = Pattern.compile("(<=|>=|<|>|=)?\\s*(\\S+)");

  /** One version, compared as semver orders them (a pre-release before its release). */
  record Version(int major, int minor, int patch, String pre) implements Comparable<Version> {
    static Optional<Version> parse(String text) {
      Matcher m = VERSION.matcher(text.trim());
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new Version(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4) == null ? "" : m.group(4)));
    }

    @Override
    public int compareTo(Version other) {
      int order =
          Comparator.comparingInt(Version::major)
              .thenComparingInt(Version::minor)
              .thenComparingInt(Version::patch)
              .compare(this, other);
      if (order != 0) {
        return order;
      }
      if (pre.isEmpty() || other.pre.isEmpty()) {
        return pre.isEmpty() == other.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
      }
      return pre.compareTo(other.pre);
    }
  }

  /** A bound: {@code >= 1.2.0} and so on. */
  private record Bound(String op, Version version) {
    boolean admits(Version candidate) {
      int c = candidate.compareTo(version);
      return switch (op) {
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        default -> c == 0;
      };
    }
  }

  /** Alternatives, each a set of bounds every version taken meets. */
  private final List<List<Bound>> alternatives;

  private SemverRange(List<List<Bound>> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * @throws IllegalArgumentException when the text is no version range (a URL, a path, a tag)
   */
  static SemverRange parse(String text) {
    String range = text.trim();
    if (range.isEmpty() || range.equals("latest")) {
      range = "*";
    }
    List<List<Bound>> alternatives = new ArrayList<>();
    for (String alternative : range.split("\\|\\|")) {
      alternatives.add(bounds(alternative.trim(), text));
    }
    return new SemverRange(alternatives);
  }

  private static List<Bound> bounds(String alternative, String whole) {
    List<Bound> bounds = new ArrayList<>();
    String[] hyphen = alternative.split("\\s+-\\s+");
    if (hyphen.length == 2) {
      bounds.add(new Bound(">=", lowest(hyphen[0], whole)));
      bounds.addAll(upTo(hyphen[1], whole));
      return bounds;
    }
    String spaced = alternative.replaceAll("(<=|>=|<|>|=)\\s+", "$1");
    for (String part : spaced.isEmpty() ? new String[] {"*"} : spaced.split("\\s+")) {
      bounds.addAll(part(part, whole));
    }
    return bounds;
  }

  private static List<Bound> part(String part, String whole) {
    if (part.startsWith("^")) {
      Partial p = partial(part.substring(1), whole);
      Version low = p.low();
      Version high =
          p.major() > 0 || p.minor() == null
              ? new Version(p.major() + 1, 0, 0, "0")
              : p.minor() > 0 || p.patch() == null
                  ? new Version(0, p.minor() + 1, 0, "0")
                  : new Version(0, 0, p.patch() + 1, "0");
      return List.of(new Bound(">=", low), new Bound("<", high));
    }
    if (part.startsWith("~")) {
      Partial p = partial(part.substring(part.startsWith("~>") ? 2 : 1), whole);
      Version high =
          p.minor() == null
              ? new Version(p.major() + 1, 0, 0, "0")
              : new Version(p.major(), p.minor() + 1, 0, "0");
      return List.of(new Bound(">=", p.low()), new Bound("<", high));
    }
    Matcher m = COMPARATOR.matcher(part);
    if (!m.matches()) {
      throw refused(whole);
    }
    String op = m.group(1) == null ? "=" : m.group(1);
    Partial p = partial(m.group(2), whole);
    if (p.major() == null) {
      return List.of(new Bound(">=", new Version(0, 0, 0, "")));
    }
    if (p.patch() != null) {
      return List.of(new Bound(op, p.low()));
    }
    // A partial version is a range of its own: 1.2 is >=1.2.0 <1.3.0-0.
    Version high =
        p.minor() == null
            ? new Version(p.major() + 1, 0, 0, "0")
            : new Version(p.major(), p.minor() + 1, 0, "0");
    return switch (op) {
      case "=" -> List.of(new Bound(">=", p.low()), new Bound("<", high));
      case ">" -> List.of(new Bound(">=", high));
      case ">=" -> List.of(new Bound(">=", p.low()));
      case "<" -> List.of(new Bound("<", p.low()));
      default -> List.of(new Bound("<", high));
    };
  }

  private static Version lowest(String text, String whole) {
    return partial(text, whole).low();
  }

  private static List<Bound> upTo(String text, String whole) {
    Partial p = partial(text, whole);
    if (p.patch() != null) {
      return List.of(new Bound("<=", p.low()));
    }
    return part("<=" + text, whole);
  }

  /** A version some of whose parts may be missing or {@code x}; the first missing ends it. */
  private record Partial(Integer major, Integer minor, Integer patch, String pre) {
    Version low() {
      return new Version(
          major == null ? 0 : major, minor == null ? 0 : minor, patch == null ? 0 : patch, pre);
    }
  }

  private static Partial partial(String text, String whole) {
    Matcher m = PARTIAL.matcher(text.trim());
    if (!m.matches()) {
      throw refused(whole);
    }
    Integer major = number(m.group(1));
    Integer minor = major == null ? null : number(m.group(2));
    Integer patch = minor == null ? null : number(m.group(3));
    return new Partial(major, minor, patch, patch == null || m.group(4) == null ? "" : m.group(4));
  }

  private static Integer number(String part) {
    return part == null || part.equalsIgnoreCase("x") || part.equals("*")
        ? null
        : Integer.valueOf(part);
  }

  private static IllegalArgumentException refused(String whole) {
    return new IllegalArgumentException(
        "'"
            + whole
            + "' is no version range: BRMH takes dependencies from the registry by version only"
            + " (no URLs, git+, file:, link: or aliases)");
  }

  /** Whether the version is in the range; pre-releases only where a bound names one. */
  boolean admits(Version candidate) {
    for (List<Bound> bounds : alternatives) {
      boolean all = bounds.stream().allMatch(bound -> bound.admits(candidate));
      boolean preAllowed =
          candidate.pre().isEmpty()
              || bounds.stream()
                  .anyMatch(
                      bound ->
                          !bound.version().pre().isEmpty()
                              && !bound.version().pre().equals("0")
                              && bound.version().major() == candidate.major()
                              && bound.version().minor() == candidate.minor()
                              && bound.version().patch() == candidate.patch());
      if (all && preAllowed) {
        return true;
      }
    }
    return false;
  }

  /** The highest of these versions the range admits. */
  Optional<String> best(Iterable<String> versions) {
    Version best = null;
    String chosen = null;
    for (String text : versions) {
      Optional<Version> version = Version.parse(text);
      if (version.isPresent()
          && admits(version.get())
          && (best == null || version.get().compareTo(best) > 0)) {
        best = version.get();
        chosen = text;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
