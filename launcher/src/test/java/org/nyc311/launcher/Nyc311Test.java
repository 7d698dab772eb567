package org.nyc311.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class Nyc311Test {

    @Test
    void helpListsEverySubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setOut(new PrintWriter(out));

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: nyc311");
        cli.getSubcommands().forEach((name, subcommand) -> {
            if (subcommand.getCommandSpec().usageMessage().hidden()) {
                // token-issuer: a process for docker-compose, not a command for people
                assertThat(out.toString()).doesNotContain(name);
            } else {
                assertThat(out.toString()).contains(name);
            }
        });
        assertThat(cli.getSubcommands()).containsKey("doctor");
    }

    @Test
    void unknownSubcommandFailsWithUsage() {
        StringWriter err = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setErr(new PrintWriter(err));

        // a word like no command: for one close to a command's name ("no-such-command" is close to "cost"),
        // picocli answers "Did you mean" instead of the usage
        int exit = cli.execute("xyzzy");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("Usage: nyc311");
    }
}
