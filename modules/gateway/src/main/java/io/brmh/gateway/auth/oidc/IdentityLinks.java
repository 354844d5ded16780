package io.brmh.gateway.auth.oidc;

import static io.brmh.gateway.auth.oidc.IdentityLinksTable.IDENTITY;
import static io.brmh.gateway.auth.oidc.IdentityLinksTable.LINKED_AT;
import static io.brmh.gateway.auth.oidc.IdentityLinksTable.LOGIN;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which BRMH account an external identity (issuer and subject) logs in to. */
@Singleton
public class IdentityLinks {
  private final DynamoDbClient dynamo;
  private final IdentityLinksTable table;

  IdentityLinks(DynamoDbClient dynamo, IdentityLinksTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * @return the login of the account this identity is linked to
   */
  public Optional<String> loginOf(String issuer, String subject) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(b -> b.tableName(table.name()).key(key(issuer, subject)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(LOGIN).s());
  }

  public void link(String issuer, String subject, String login) {
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        IDENTITY,
                        key(issuer, subject).get(IDENTITY),
                        LOGIN,
                        AttributeValue.fromS(login),
                        LINKED_AT,
                        AttributeValue.fromS(Instant.now().toString()))));
  }

  private static Map<String, AttributeValue> key(String issuer, String subject) {
    return Map.of(IDENTITY, AttributeValue.fromS(issuer + " " + subject));
  }
}
