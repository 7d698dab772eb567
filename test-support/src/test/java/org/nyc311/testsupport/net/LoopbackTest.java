package org.nyc311.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aPortClaimedByAnotherJvmIsNeverChosen() throws Exception {
        // another JVM's claims, as a child process holds them: every port of a small range but one
        int low = 29_100;
        int high = 29_110;
        int left = 29_105;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ClaimingJvm.class.getName()));
        for (int port = low; port < high; port++) {
            if (port != left) {
                command.add(Integer.toString(port));
            }
        }
        Process other = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("claimed 9");

            assertThat(Loopback.freePortBetween(low, high, 200)).hasValue(left);
            assertThat(Loopback.freePortBetween(low, high, 200))
                    .as("and this JVM does not choose its own claim twice")
                    .isEmpty();
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    /** A JVM that claims the ports it is given, says so, and holds them until it is stopped. */
    static final class ClaimingJvm {
        public static void main(String[] ports) throws Exception {
            int claimed = 0;
            for (String port : ports) {
                if (Loopback.claim(Integer.parseInt(port))) {
                    claimed++;
                }
            }
            System.out.println("claimed " + claimed);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
