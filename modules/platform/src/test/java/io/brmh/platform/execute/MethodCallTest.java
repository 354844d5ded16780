package io.brmh.platform.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A call's credentials stay with its origin, and never show in its description. */
class MethodCallTest {
  private final MethodCall call =
      new MethodCall(
          "GET",
          URI.create("https://user:pw@api.example.com/v1/items?token=t"),
          Map.of("Authorization", "Bearer s3cret", "Accept", "application/json"),
          Set.of("Authorization"),
          null,
          null);

  @Test
  void theNextPageOnTheSameOriginKeepsTheCredential() {
    MethodCall next = call.at(URI.create("https://api.example.com:443/v1/items?page=2"));

    assertThat(next.headers()).containsEntry("Authorization", "Bearer s3cret");
  }

  @Test
  void aNextPageElsewhereGoesWithoutTheCredential() {
    for (String elsewhere :
        new String[] {
          "https://cdn.example.com/v1/items?page=2",
          "http://api.example.com/v1/items?page=2",
          "https://api.example.com:8443/v1/items?page=2"
        }) {
      MethodCall next = call.at(URI.create(elsewhere));

      assertThat(next.headers())
          .as(elsewhere)
          .doesNotContainKey("Authorization")
          .containsKey("Accept");
      assertThat(next.secretHeaders()).isEmpty();
    }
  }

  @Test
  void itsDescriptionHoldsNoQueryUserInfoOrHeader() {
    assertThat(call.toString())
        .isEqualTo("GET https://api.example.com/v1/items")
        .doesNotContain("s3cret", "pw", "token");
  }
}
