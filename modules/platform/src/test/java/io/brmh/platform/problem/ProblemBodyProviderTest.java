package io.brmh.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemBodyProviderTest {

  @Test
  void validationPathIsReducedToTheFieldInTheBody() {
    assertThat(ProblemBodyProvider.fieldName("login.request.email")).isEqualTo("email");
    assertThat(ProblemBodyProvider.fieldName("create.config.ttl.seconds")).isEqualTo("ttl.seconds");
    assertThat(ProblemBodyProvider.fieldName("project")).isEqualTo("project");
  }
}
