package io.callsignal.governance;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's policy: users admin, engineer1, analyst1, manager1 and rep1, each with password demo-NAME. */
public final class DemoPolicy {

    private static final Pattern HASH = Pattern.compile("\\{\\{hash:([a-z0-9]+)}}");

    private DemoPolicy() {
    }

    /** The policy's text, rep1 being the rep with that email and manager1 having that email. */
    public static String text(String repEmail, String managerEmail, int bcryptCost) {
        String template;
        try (InputStream in = DemoPolicy.class.getResourceAsStream("/governance/demo-policy.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = HASH.matcher(template.replace("{{rep_email}}", repEmail)
                .replace("{{manager_email}}", managerEmail));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String hash = BCrypt.withDefaults().hashToString(bcryptCost, ("demo-" + matcher.group(1)).toCharArray());
            matcher.appendReplacement(out, Matcher.quoteReplacement(hash));
        }
        return matcher.appendTail(out).toString();
    }
}
