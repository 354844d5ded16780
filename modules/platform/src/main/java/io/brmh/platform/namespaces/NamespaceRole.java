package io.brmh.platform.namespaces;

/** What a member may do in a namespace; each role includes the ones before it. */
public enum NamespaceRole {
  /** Reads the namespace's caches and its member list. */
  VIEWER,
  /** Also starts bulk cache loads. */
  EDITOR,
  /** Also grants and takes back roles. */
  OWNER;

  public boolean includes(NamespaceRole needed) {
    return compareTo(needed) >= 0;
  }
}
