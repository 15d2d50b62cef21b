package io.callsignal.governance;

import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/** The SQL endpoint's login (HiveServer2's CUSTOM provider): the user's password against the policy's bcrypt hash. */
public final class PolicyAuthenticator implements PasswdAuthenticationProvider {

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        Policy policy = Governance.policy().orElseThrow(() -> new AuthenticationException("no policy is enforced"));
        if (user == null || password == null || !policy.passwordMatches(user, password)) {
            throw new AuthenticationException("wrong user name or password");
        }
    }
}
