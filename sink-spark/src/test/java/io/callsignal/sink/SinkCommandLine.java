package io.callsignal.sink;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/** A sink command run in this JVM as {@code bin/callsignal} runs it, with a properties file. */
record SinkCommandLine(int exitCode, String out, String err) {

    static SinkCommandLine execute(String configFile, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = configFile;
        int exitCode = SinkCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(withConfig);
        return new SinkCommandLine(exitCode, out.toString(), err.toString());
    }
}
