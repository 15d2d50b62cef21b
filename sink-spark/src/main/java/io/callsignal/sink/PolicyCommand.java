package io.callsignal.sink;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.governance.DemoPolicy;
import io.callsignal.governance.LakePolicy;
import io.callsignal.governance.Policy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "The lake's governance policy (docs/governance.md): check it, hash a password for it,"
                + " or write the demo's.")
final class PolicyCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "check", description = "Validate the policy file; exit 2 with the mistake if it has one.")
    int check(@Mixin LakeOptions lakeOptions) {
        Config config = lakeOptions.config();
        LakePolicy.read(lakeOptions.open(config), config).orElseThrow(() ->
                new ConfigException("no governance policy at " + LakePolicy.location(config)));
        spec.commandLine().getOut().println("valid: " + LakePolicy.location(config));
        return 0;
    }

    @Command(name = "hash-password", description = "Read a password from standard input; print its bcrypt hash.")
    int hashPassword() throws IOException {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new ConfigException("no password on standard input");
        }
        spec.commandLine().getOut().println(BCrypt.withDefaults().hashToString(12, password.toCharArray()));
        return 0;
    }

    @Command(name = "demo", description = "Write the demo's policy where the lake's policy lives (replacing it).")
    int demo(@Mixin LakeOptions lakeOptions,
            @Option(names = "--rep-email", required = true, description = "rep1's email in the data.") String repEmail,
            @Option(names = "--manager-email", required = true, description = "manager1's email.") String managerEmail)
            throws IOException {
        Config config = lakeOptions.config();
        String text = DemoPolicy.text(repEmail, managerEmail, 10);
        Policy.parse(text, "the demo policy");
        Path path = new Path(LakePolicy.location(config));
        // The file system as Spark would see it (the file's spark.hadoop.* settings), without starting Spark.
        Configuration hadoop = new Configuration();
        config.sparkOverrides().forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        FileSystem fs = path.getFileSystem(hadoop);
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().println(path);
        return 0;
    }
}
