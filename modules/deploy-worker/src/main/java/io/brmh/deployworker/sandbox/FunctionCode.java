package io.brmh.deployworker.sandbox;

import java.util.Map;

/**
 * A function's sources as CommonJS modules, by path within the package: its own files ({@code
 * index.js}, {@code lib/util.js}) and its dependencies ({@code node_modules/<name>/...}, each with
 * its {@code package.json}). Nothing is read from a disk: {@code require} resolves among these.
 *
 * @param handler where the handler is, {@code <module path without .js>.<export>}: {@code
 *     index.handler}
 */
public record FunctionCode(String handler, Map<String, String> modules) {

  public FunctionCode {
    modules = Map.copyOf(modules);
    if (!handler.matches("[A-Za-z0-9_/-]{1,128}\\.[A-Za-z_$][A-Za-z0-9_$]{0,63}")) {
      throw new IllegalArgumentException("handler must be <module>.<export>, like index.handler");
    }
  }

  /** The module that holds the handler, {@code index.js}. */
  public String handlerModule() {
    return handler.substring(0, handler.lastIndexOf('.')) + ".js";
  }

  /** The handler's export, {@code handler}. */
  public String handlerExport() {
    return handler.substring(handler.lastIndexOf('.') + 1);
  }
}
