package io.brmh.platform.cache;

import java.util.regex.Pattern;

/**
 * What a project and a table name may look like. Both become parts of Redis keys separated by
 * {@code :}, so neither may contain {@code :} or a glob character ({@code * ? [ ] \}); the original
 * let them through and one request could read or clear every project's cache.
 */
public final class CacheNames {
  /** DynamoDB's own rule for table names, as a regular expression for {@code @Pattern}. */
  public static final String TABLE_REGEX = "[A-Za-z0-9_.-]{3,255}";

  /** A project (namespace) name, as a regular expression for {@code @Pattern}. */
  public static final String PROJECT_REGEX = "[A-Za-z0-9_.@-]{1,128}";

  /** The longest table name, for {@code @Size} beside the pattern (the document shows it). */
  public static final int TABLE_MAX_LENGTH = 255;

  /** The longest project name, for {@code @Size} beside the pattern. */
  public static final int PROJECT_MAX_LENGTH = 128;

  public static final Pattern TABLE = Pattern.compile(TABLE_REGEX);
  public static final Pattern PROJECT = Pattern.compile(PROJECT_REGEX);
  public static final String TABLE_RULE = "3 to 255 letters, digits, '_', '.' or '-'";
  public static final String PROJECT_RULE = "1 to 128 letters, digits, '_', '.', '@' or '-'";

  /** What a {@code @Pattern} on a table name answers. */
  public static final String TABLE_MESSAGE = "must be " + TABLE_RULE;

  /** What a {@code @Pattern} on a project name answers. */
  public static final String PROJECT_MESSAGE = "must be " + PROJECT_RULE;

  private CacheNames() {}

  public static boolean isValidTable(String table) {
    return table != null && TABLE.matcher(table).matches();
  }

  public static boolean isValidProject(String project) {
    return project != null && PROJECT.matcher(project).matches();
  }
}
