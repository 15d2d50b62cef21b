package io.callsignal.governance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import javax.security.sasl.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The endpoint's LDAP login against a directory speaking LDAP on a socket (UnboundID's in-memory server). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapLoginTest {

    private InMemoryDirectoryServer directory;
    private LdapLogin login;

    @BeforeAll
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=acme,dc=example");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=acme,dc=example", "objectClass: domain", "dc: acme");
        directory.add("dn: ou=people,dc=acme,dc=example", "objectClass: organizationalUnit", "ou: people");
        for (String user : new String[] {"rep1", "mallory"}) {
            directory.add("dn: uid=" + user + ",ou=people,dc=acme,dc=example", "objectClass: inetOrgPerson",
                    "uid: " + user, "cn: " + user, "sn: " + user, "userPassword: secret-of-" + user);
        }
        directory.startListening();
        login = new LdapLogin("ldap://127.0.0.1:" + directory.getListenPort(), "uid={user},ou=people,dc=acme,dc=example");
    }

    @AfterAll
    void stop() {
        directory.shutDown(true);
        PolicyAuthenticator.useDirectory(null);
        Governance.stop();
    }

    @Test
    void theDirectoryTakesTheUsersPasswordAndNoOther() {
        assertTrue(login.verify("rep1", "secret-of-rep1"));
        assertFalse(login.verify("rep1", "secret-of-mallory"));
        assertFalse(login.verify("rep1", ""), "an empty password would be an anonymous bind");
        assertFalse(login.verify("nobody", "secret-of-rep1"));
        // A name cannot choose another entry: it is escaped into the DN.
        assertFalse(login.verify("x,uid=rep1", "secret-of-rep1"));
    }

    @Test
    void theEndpointTakesOnlyUsersOfThePolicyWhomTheDirectoryKnows() {
        Governance.enforce(Policy.parse("users: {rep1: {}}", "test"), table -> "/lake/" + table.table(), "endpoint",
                null);
        PolicyAuthenticator.useDirectory(login);
        PolicyAuthenticator authenticator = new PolicyAuthenticator();
        assertDoesNotThrow(() -> authenticator.Authenticate("rep1", "secret-of-rep1"));
        assertThrows(AuthenticationException.class, () -> authenticator.Authenticate("rep1", "wrong"));
        assertThrows(AuthenticationException.class, () -> authenticator.Authenticate("mallory", "secret-of-mallory"),
                "in the directory, not in the policy");
    }
}
