package io.callsignal.governance;

import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * The SQL endpoint's login (HiveServer2's CUSTOM provider): a user of the policy, with the password
 * of their bcrypt hash in it, or, where the endpoint has a directory ({@link LdapLogin}), the
 * password the directory takes for them.
 */
public final class PolicyAuthenticator implements PasswdAuthenticationProvider {

    private static volatile LdapLogin directory;

    /** The directory that checks passwords from now on (SQL_ENDPOINT_LDAP_URL), or null for the policy's hashes. */
    public static void useDirectory(LdapLogin ldap) {
        directory = ldap;
    }

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        Policy policy = Governance.policy().orElseThrow(() -> new AuthenticationException("no policy is enforced"));
        LdapLogin ldap = directory;
        boolean valid = user != null && password != null && policy.knows(user)
                && (ldap == null ? policy.passwordMatches(user, password) : ldap.verify(user, password));
        if (!valid) {
            throw new AuthenticationException("wrong user name or password");
        }
    }
}
