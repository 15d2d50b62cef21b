package io.callsignal.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    private static final Policy DEMO = Policy.parse(DemoPolicy.text("ana.lima@acme.example", "maria@acme.example", 4),
            "demo");

    @ParameterizedTest
    @CsvSource({
            "admin, ALL_PRIVILEGES, system.audit, true",
            "engineer1, MODIFY, silver.conversations, true",
            "engineer1, SELECT, gold.deal_signal_summary, true",
            "engineer1, MODIFY, gold.deal_signal_summary, false",
            "engineer1, SELECT, system.audit, false",
            "analyst1, SELECT, gold.rep_monthly_scores, true",
            "analyst1, SELECT, silver.conversations, false",
            "rep1, SELECT, silver.conversations, true",
            "rep1, SELECT, silver.quarantine, false",
            "rep1, SELECT, gold.deal_predictions, true",
            "rep1, SELECT, gold.deal_features, false",
            "rep1, MODIFY, silver.conversations, false",
            "nobody, SELECT, gold.rep_monthly_scores, false"})
    void grantsOnTheCatalogASchemaOrATableCoverWhatTheyName(String user, Privilege privilege, String table,
            boolean allowed) {
        assertEquals(allowed, DEMO.allows(user, privilege, table));
    }

    @Test
    void onlyAdminsAdministerTheCatalog() {
        assertTrue(DEMO.administers("admin"));
        assertTrue(DEMO.administers("operator"));
        assertFalse(DEMO.administers("engineer1"));
    }

    @Test
    void filtersAndMasksCarryTheUsersNameAndAttributesAsLiterals() {
        assertEquals(List.of("rep_email = lower('ana.lima@acme.example')"),
                DEMO.rowFilters("rep1", "gold.rep_monthly_scores"));
        assertEquals(List.of(), DEMO.rowFilters("analyst1", "gold.rep_monthly_scores"));
        assertEquals(Map.of("rep_email", "substr(sha2(rep_email, 256), 1, 16)"),
                DEMO.masks("analyst1", "gold.rep_monthly_scores"));
        assertEquals(Map.of(), DEMO.masks("engineer1", "silver.conversations"));
        Policy quoting = Policy.parse("""
                users: {o: {attributes: {email: "o'brien@x.example"}}}
                row_filters: [{table: a.b, principals: o, where: "email = ${user.email} OR name = ${user}"}]
                """, "test");
        assertEquals(List.of("email = 'o\\'brien@x.example' OR name = 'o'"), quoting.rowFilters("o", "a.b"));
    }

    @Test
    void passwordsAreCheckedAgainstBcryptHashes() {
        assertTrue(DEMO.passwordMatches("rep1", "demo-rep1"));
        assertFalse(DEMO.passwordMatches("rep1", "demo-admin"));
        assertFalse(DEMO.passwordMatches("operator", ""));
        assertFalse(DEMO.passwordMatches("nobody", "demo-nobody"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "users: [a] | users must be a mapping",
            "{users: {a: {}}, grant: []} | unknown key 'grant'",
            "{users: {a: {pasword: x}}} | users.a has an unknown key 'pasword'",
            "{users: {a: {password: secret}}} | must be a bcrypt hash",
            "{users: {a: {}}, grants: [{principal: b, privilege: SELECT, on: catalog}]} | names 'b', neither a user",
            "{users: {a: {}}, grants: [{principal: a, privilege: READ, on: catalog}]} | unknown privilege 'READ'",
            "{users: {a: {}}, grants: [{principal: a, privilege: SELECT, on: database x}]} | must be 'catalog'",
            "{users: {a: {}}, row_filters: [{table: s.t, principals: a, where: 'x = ${user.email}'}]} | which user a lacks",
            "{users: {a: {}}, row_filters: [{table: s.t, principals: a, where: 'x = = 1'}]} | is not a SQL expression",
            "{users: {a: {}}, column_masks: [{table: t, column: c, mask: 'NULL'}]} | must be schema.table",
            "users: {} | no users",
            "'users: {a: ' | not valid YAML"})
    void mistakesAreClearErrorsAtLoad(String yaml, String message) {
        ConfigException error = assertThrows(ConfigException.class, () -> Policy.parse(yaml, "p.yaml"));
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertTrue(error.getMessage().startsWith("governance policy p.yaml"), error.getMessage());
    }

    @Test
    void aFilterOnSomeoneWhoMayWriteTheTableIsRefused() {
        ConfigException error = assertThrows(ConfigException.class, () -> Policy.parse("""
                users: {e: {}}
                grants: [{principal: e, privilege: ALL PRIVILEGES, on: schema silver}]
                row_filters: [{table: silver.conversations, principals: e, where: "true"}]
                """, "p.yaml"));
        assertTrue(error.getMessage().contains("e may modify silver.conversations"), error.getMessage());
    }
}
