package org.nyc311.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void aChosenPortIsBelowTheEphemeralRangeAndCanBeBound() throws Exception {
        int ephemeralStart = Loopback.ephemeralRangeStart();
        assertThat(ephemeralStart).isGreaterThan(10_000);

        for (int i = 0; i < 20; i++) {
            int port = Loopback.freePort();

            assertThat(port).isBetween(10_000, ephemeralStart - 1);
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(Loopback.HOST))) {
                assertThat(server.getLocalPort()).isEqualTo(port);
                assertThat(Loopback.isListening(port)).isTrue();
            }
        }
    }
}
