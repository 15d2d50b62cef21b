package io.callsignal.governance;

import io.callsignal.config.ConfigException;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import javax.naming.ldap.Rdn;

/**
 * Checks a password by binding to a directory as the user (LDAP simple bind, over ldaps:// where the
 * URL says so): the endpoint's login where SQL_ENDPOINT_LDAP_URL is set. The user's name goes into
 * the DN escaped, so a name cannot pick another entry.
 */
public record LdapLogin(String url, String userDnPattern) {

    public LdapLogin {
        if (!userDnPattern.contains("{user}")) {
            throw new ConfigException("SQL_ENDPOINT_LDAP_USER_DN must hold {user}, not '" + userDnPattern + "'");
        }
    }

    public boolean verify(String user, String password) {
        if (password.isEmpty()) {
            return false; // an empty password is an anonymous bind, which many directories accept
        }
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, userDnPattern.replace("{user}", Rdn.escapeValue(user)));
        env.put(Context.SECURITY_CREDENTIALS, password);
        env.put("com.sun.jndi.ldap.connect.timeout", "5000");
        try {
            new InitialDirContext(env).close();
            return true;
        } catch (NamingException e) {
            return false;
        }
    }
}
