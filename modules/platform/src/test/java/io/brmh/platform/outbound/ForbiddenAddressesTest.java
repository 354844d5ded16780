package io.brmh.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses BRMH never calls, in IPv4 and IPv6 and the IPv6 forms that embed IPv4. */
class ForbiddenAddressesTest {
  @Test
  void loopbackPrivateLinkLocalMetadataMulticastAndReservedAreForbidden() throws Exception {
    for (String address :
        List.of(
            "127.0.0.1",
            "127.255.0.9",
            "0.0.0.0",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "192.0.2.10",
            "198.18.0.1",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:a9fe:a9fe::1",
            "::ffff:0:7f00:1",
            "2001:0:4136:e378::1",
            "64:ff9b:1::1",
            "192.88.99.1")) {
      assertThat(ForbiddenAddresses.reason(InetAddress.getByName(address))).as(address).isPresent();
    }
  }

  @Test
  void publicAddressesAreCalled() throws Exception {
    for (String address :
        List.of(
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1")) {
      assertThat(ForbiddenAddresses.reason(InetAddress.getByName(address))).as(address).isEmpty();
    }
  }

  @Test
  void theReasonNamesTheKindNotTheAddress() throws Exception {
    assertThat(ForbiddenAddresses.reason(InetAddress.getByName("10.1.2.3")))
        .hasValue("a private network");
  }
}
