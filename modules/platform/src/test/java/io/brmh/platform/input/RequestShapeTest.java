package io.brmh.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestShapeTest {
  record Inner(String id, long size) {}

  record Request(
      String name,
      Integer count,
      int small,
      Boolean enabled,
      List<String> tags,
      List<Inner> inners,
      Map<String, Object> image,
      Thread.State state,
      @FreeText String password,
      @JsonAlias("refresh_token") String refreshToken) {}

  @Test
  void aBodyOfTheRightShapePasses() throws Exception {
    check(
        "{\"name\":\"n\",\"count\":3,\"small\":-2147483648,\"enabled\":false,\"tags\":[\"a\"],"
            + "\"inners\":[{\"id\":\"i\",\"size\":9223372036854775807}],"
            + "\"image\":{\"x\":[null,1.5,{\"\\u0000\":\"\\u202e\"}]},\"state\":\"NEW\","
            + "\"password\":\"p\\u0000\\u202e\",\"refresh_token\":\"t\"}");
    check("{\"name\":null,\"count\":null,\"tags\":null}");
  }

  @Test
  void eachFaultIsNamedByItsPath() {
    assertThat(
            faults(
                "{\"name\":123,\"count\":1.9,\"small\":2147483648,\"enabled\":\"true\","
                    + "\"tags\":[\"a\",null,7],\"inners\":[{\"id\":\"a\\u200bb\",\"size\":[7]}],"
                    + "\"image\":[],\"state\":\"SLEEPING\",\"other\":1}"))
        .containsExactly(
            "name: must be a string",
            "count: must be a whole number, without a fraction or exponent",
            "small: is out of range",
            "enabled: must be true or false",
            "tags[1]: must not be null",
            "tags[2]: must be a string",
            "inners[0].id: " + SafeText.FAULT,
            "inners[0].size: must be a whole number",
            "image: must be a JSON object",
            "state: must be one of NEW, RUNNABLE, BLOCKED, WAITING, TIMED_WAITING, TERMINATED",
            "other: is not a known field");
  }

  @Test
  void aPrimitiveMayNotBeNullAndTheBodyMustBeAnObject() {
    assertThat(faults("{\"small\":null}")).containsExactly("small: must not be null");
    assertThat(faults("[1]")).containsExactly("body: must be a JSON object");
    assertThat(faults("\"x\"")).containsExactly("body: must be a JSON object");
  }

  private static void check(String json) throws Exception {
    RequestShape.check(ExactJson.readTree(json.getBytes(StandardCharsets.UTF_8)), Request.class);
  }

  private static List<String> faults(String json) {
    try {
      check(json);
    } catch (ProblemException refused) {
      return refused.toProblem("/").errors().stream()
          .map((Problem.FieldError e) -> e.field() + ": " + e.message())
          .toList();
    } catch (Exception other) {
      throw new AssertionError(other);
    }
    return List.of();
  }
}
