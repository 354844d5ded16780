package io.brmh.devstack;

/** A configured port is taken by another process. The message is one line a user can act on. */
public class PortInUseException extends RuntimeException {
  public PortInUseException(String what, int port, String variable) {
    super(
        what
            + " cannot use port "
            + port
            + ": it is already in use. Set "
            + variable
            + " to a free port.");
  }
}
