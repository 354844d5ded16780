package io.brmh.deployworker.packaging;

/** A function's package BRMH will not assemble, saying why (which dependency, what in it). */
public class PackageRefusedException extends RuntimeException {
  public PackageRefusedException(String reason) {
    super(reason);
  }
}
