package io.brmh.platform.unified;

/**
 * What a namespace holds beside its schemas (methods, accounts, webhooks), with the field that
 * names each item in the original's data ({@code namespace-method-name}, {@code
 * namespace-account-name}).
 */
public enum EntityKind {
  METHOD("namespace-method-id", "namespace-method-name"),
  ACCOUNT("namespace-account-id", "namespace-account-name"),
  WEBHOOK("webhook-id", "webhook-name");

  private final String idField;
  private final String nameField;

  EntityKind(String idField, String nameField) {
    this.idField = idField;
    this.nameField = nameField;
  }

  /** The field of the original's data that repeats the item's id. */
  public String idField() {
    return idField;
  }

  public String nameField() {
    return nameField;
  }
}
