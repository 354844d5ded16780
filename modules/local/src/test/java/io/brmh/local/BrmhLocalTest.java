package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.devstack.PortInUseException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrmhLocalTest {

  @Test
  void takenHttpPortFailsWithOneLineNamingTheVariable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      Map<String, String> environment =
          Map.of("BRMH_HTTP_PORT", Integer.toString(taken.getLocalPort()));

      assertThatThrownBy(() -> BrmhLocal.start(environment::get))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("BRMH_HTTP_PORT")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()))
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void portThatIsNotANumberIsRefusedNamingTheVariable() {
    Map<String, String> environment = Map.of("BRMH_HTTP_PORT", "eighty");

    assertThatThrownBy(() -> BrmhLocal.start(environment::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BRMH_HTTP_PORT");
  }
}
