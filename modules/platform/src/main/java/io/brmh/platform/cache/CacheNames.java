package io.brmh.platform.cache;

import java.util.regex.Pattern;

/**
 * What a project and a table name may look like. Both become parts of Redis keys separated by
 * {@code :}, so neither may contain {@code :} or a glob character ({@code * ? [ ] \}); the original
 * let them through and one request could read or clear every project's cache.
 */
public final class CacheNames {
  /** DynamoDB's own rule for table names. */
  public static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  public static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
  public static final String TABLE_RULE = "3 to 255 letters, digits, '_', '.' or '-'";
  public static final String PROJECT_RULE = "1 to 128 letters, digits, '_', '.', '@' or '-'";

  private CacheNames() {}

  public static boolean isValidTable(String table) {
    return table != null && TABLE.matcher(table).matches();
  }

  public static boolean isValidProject(String project) {
    return project != null && PROJECT.matcher(project).matches();
  }
}
