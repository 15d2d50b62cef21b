package io.callsignal.governance;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callsignal.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * Who may do what to which table, defined once (docs/governance.md has the file's format): users
 * and their groups, grants of SELECT, MODIFY or ALL PRIVILEGES on the catalog, a schema or a table,
 * row filters and column masks. Checked whole when loaded, so a mistake is a clear error at start,
 * never a hole found later.
 */
public final class Policy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern USER_REFERENCE = Pattern.compile("\\$\\{user(?:\\.([A-Za-z_][A-Za-z0-9_]*))?}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    record User(String name, Optional<String> passwordHash, Set<String> groups, Map<String, String> attributes) {
    }

    record Grant(String principal, Privilege privilege, String on) {
        /** {@code on} is "catalog", "schema NAME" or "table SCHEMA.NAME"; a grant on a schema covers its tables. */
        boolean covers(String table) {
            return on.equals("catalog") || on.equals("schema " + table.substring(0, table.indexOf('.')))
                    || on.equals("table " + table);
        }
    }

    record RowFilter(String table, Set<String> principals, String where) {
    }

    record ColumnMask(String table, String column, Set<String> except, String mask) {
    }

    private final Map<String, User> users;
    private final List<Grant> grants;
    private final List<RowFilter> rowFilters;
    private final List<ColumnMask> masks;

    private Policy(Map<String, User> users, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
        this.users = users;
        this.grants = grants;
        this.rowFilters = rowFilters;
        this.masks = masks;
    }

    public boolean knows(String user) {
        return users.containsKey(user);
    }

    /** Whether the password is the user's; users without a password hash cannot log in. */
    public boolean passwordMatches(String user, String password) {
        return Optional.ofNullable(users.get(user)).flatMap(User::passwordHash)
                .map(hash -> BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                        hash.getBytes(StandardCharsets.UTF_8)).verified)
                .orElse(false);
    }

    public boolean allows(String user, Privilege privilege, String table) {
        Set<String> identities = identities(user);
        return grants.stream().anyMatch(g -> identities.contains(g.principal()) && g.privilege().covers(privilege)
                && g.covers(table.toLowerCase(Locale.ROOT)));
    }

    /** ALL PRIVILEGES on the catalog: what a command governance cannot place on a table needs. */
    public boolean administers(String user) {
        Set<String> identities = identities(user);
        return grants.stream().anyMatch(g -> identities.contains(g.principal())
                && g.privilege() == Privilege.ALL_PRIVILEGES && g.on().equals("catalog"));
    }

    /** The row filters on a table that apply to the user, as SQL with the user's name and attributes filled in. */
    public List<String> rowFilters(String user, String table) {
        Set<String> identities = identities(user);
        return rowFilters.stream()
                .filter(f -> f.table().equalsIgnoreCase(table) && f.principals().stream().anyMatch(identities::contains))
                .map(f -> substitute(f.where(), users.get(user)))
                .toList();
    }

    /** Per column (lower case), the mask that applies to the user: every mask whose exceptions miss them. */
    public Map<String, String> masks(String user, String table) {
        Set<String> identities = identities(user);
        Map<String, String> applying = new LinkedHashMap<>();
        masks.stream()
                .filter(m -> m.table().equalsIgnoreCase(table) && m.except().stream().noneMatch(identities::contains))
                .forEach(m -> applying.put(m.column(), substitute(m.mask(), users.get(user))));
        return applying;
    }

    private Set<String> identities(String user) {
        User known = users.get(user);
        if (known == null) {
            return Set.of();
        }
        Set<String> identities = new LinkedHashSet<>(known.groups());
        identities.add(user);
        return identities;
    }

    private static String substitute(String sql, User user) {
        Matcher matcher = USER_REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1) == null ? user.name() : user.attributes().get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(literal(value)));
        }
        return matcher.appendTail(out).toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Reads and checks a policy; {@code source} names it in errors. */
    public static Policy parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("governance policy " + source + " is not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("governance policy " + source + " must be a mapping with users and grants");
        }
        Reader reader = new Reader(source);
        reader.keys(root, "", Set.of("users", "grants", "row_filters", "column_masks"));
        Map<String, User> users = new LinkedHashMap<>();
        reader.entries(root.path("users"), "users").forEachRemaining(entry -> {
            String name = reader.name(entry.getKey(), "users");
            JsonNode user = entry.getValue();
            String where = "users." + name;
            reader.keys(user, where, Set.of("password", "groups", "attributes"));
            Optional<String> hash = user.hasNonNull("password")
                    ? Optional.of(reader.passwordHash(user.get("password"), where)) : Optional.empty();
            Map<String, String> attributes = new LinkedHashMap<>();
            reader.entries(user.path("attributes"), where + ".attributes")
                    .forEachRemaining(a -> attributes.put(a.getKey(), reader.text(a.getValue(), where + ".attributes."
                            + a.getKey())));
            users.put(name, new User(name, hash, reader.names(user.path("groups"), where + ".groups"), attributes));
        });
        if (users.isEmpty()) {
            throw new ConfigException("governance policy " + source + ": no users");
        }
        Set<String> principals = new LinkedHashSet<>(users.keySet());
        users.values().forEach(u -> principals.addAll(u.groups()));

        List<Grant> grants = new ArrayList<>();
        reader.items(root.path("grants"), "grants").forEach(item -> {
            String where = "grants[" + grants.size() + "]";
            reader.keys(item.node(), where, Set.of("principal", "privilege", "on"));
            grants.add(new Grant(reader.principal(item.node().path("principal"), principals, where),
                    Privilege.parse(reader.text(item.node().path("privilege"), where + ".privilege"),
                            "governance policy " + source + ": " + where),
                    reader.securable(item.node().path("on"), where + ".on")));
        });
        List<RowFilter> filters = new ArrayList<>();
        reader.items(root.path("row_filters"), "row_filters").forEach(item -> {
            String where = "row_filters[" + filters.size() + "]";
            reader.keys(item.node(), where, Set.of("table", "principals", "where"));
            Set<String> to = reader.principals(item.node().path("principals"), principals, where + ".principals");
            String condition = reader.sql(item.node().path("where"), where + ".where", users, to);
            filters.add(new RowFilter(reader.table(item.node().path("table"), where + ".table"), to, condition));
        });
        List<ColumnMask> masks = new ArrayList<>();
        reader.items(root.path("column_masks"), "column_masks").forEach(item -> {
            String where = "column_masks[" + masks.size() + "]";
            reader.keys(item.node(), where, Set.of("table", "column", "except", "mask"));
            Set<String> except = item.node().has("except")
                    ? reader.principals(item.node().path("except"), principals, where + ".except") : Set.of();
            masks.add(new ColumnMask(reader.table(item.node().path("table"), where + ".table"),
                    reader.text(item.node().path("column"), where + ".column").toLowerCase(Locale.ROOT), except,
                    reader.sql(item.node().path("mask"), where + ".mask", users, users.keySet())));
        });
        Policy policy = new Policy(Map.copyOf(users), List.copyOf(grants), List.copyOf(filters), List.copyOf(masks));
        policy.refuseFilteredWriters(source);
        return policy;
    }

    /**
     * A row filter or mask on someone who may write the table is refused: a MERGE, UPDATE or DELETE
     * reads the rows it rewrites, and a filtered read would make it drop the rows it cannot see.
     */
    private void refuseFilteredWriters(String source) {
        for (User user : users.values()) {
            Stream.concat(rowFilters.stream().map(RowFilter::table), masks.stream().map(ColumnMask::table)).distinct()
                    .filter(table -> (!rowFilters(user.name(), table).isEmpty() || !masks(user.name(), table).isEmpty())
                            && allows(user.name(), Privilege.MODIFY, table))
                    .findFirst().ifPresent(table -> {
                        throw new ConfigException("governance policy " + source + ": " + user.name()
                                + " may modify " + table + " but a row filter or column mask applies to them there;"
                                + " a write would drop or rewrite the rows they cannot see");
                    });
        }
    }

    /** Reads the parts of the file, naming the place of any mistake. */
    private record Reader(String source) {

        record Item(JsonNode node) {
        }

        ConfigException error(String where, String problem) {
            return new ConfigException("governance policy " + source + ": " + where + " " + problem);
        }

        void keys(JsonNode node, String where, Set<String> allowed) {
            if (!node.isObject()) {
                throw error(where.isEmpty() ? "the file" : where, "must be a mapping");
            }
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    throw error(where.isEmpty() ? "the file" : where, "has an unknown key '" + key + "' (known: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            });
        }

        Iterator<Map.Entry<String, JsonNode>> entries(JsonNode node, String where) {
            if (node.isMissingNode() || node.isNull()) {
                return java.util.Collections.emptyIterator();
            }
            if (!node.isObject()) {
                throw error(where, "must be a mapping");
            }
            return node.fields();
        }

        List<Item> items(JsonNode node, String where) {
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw error(where, "must be a list");
            }
            List<Item> items = new ArrayList<>();
            node.forEach(n -> items.add(new Item(n)));
            return items;
        }

        String text(JsonNode node, String where) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw error(where, "must be a non-empty string");
            }
            return node.asText();
        }

        String name(String name, String where) {
            if (!NAME.matcher(name).matches()) {
                throw error(where, "has '" + name + "': names are lower case letters, digits, '_' and '-'");
            }
            return name;
        }

        Set<String> names(JsonNode node, String where) {
            Set<String> names = new LinkedHashSet<>();
            if (node.isMissingNode()) {
                return names;
            }
            if (node.isTextual()) {
                names.add(name(node.asText(), where));
                return names;
            }
            if (!node.isArray()) {
                throw error(where, "must be a name or a list of names");
            }
            node.forEach(n -> names.add(name(text(n, where), where)));
            return names;
        }

        String principal(JsonNode node, Set<String> known, String where) {
            String name = text(node, where + ".principal");
            if (!known.contains(name)) {
                throw error(where, "names '" + name + "', neither a user nor a group of one");
            }
            return name;
        }

        Set<String> principals(JsonNode node, Set<String> known, String where) {
            Set<String> names = names(node, where);
            if (names.isEmpty()) {
                throw error(where, "names no one");
            }
            names.stream().filter(n -> !known.contains(n)).findFirst().ifPresent(n -> {
                throw error(where, "names '" + n + "', neither a user nor a group of one");
            });
            return names;
        }

        String table(JsonNode node, String where) {
            String table = text(node, where).toLowerCase(Locale.ROOT);
            if (!TABLE.matcher(table).matches()) {
                throw error(where, "must be schema.table, not '" + table + "'");
            }
            return table;
        }

        String securable(JsonNode node, String where) {
            String[] parts = text(node, where).trim().toLowerCase(Locale.ROOT).split("\\s+");
            if (parts.length == 1 && parts[0].equals("catalog")) {
                return "catalog";
            }
            if (parts.length == 2 && parts[0].equals("schema") && NAME.matcher(parts[1]).matches()) {
                return "schema " + parts[1];
            }
            if (parts.length == 2 && parts[0].equals("table") && TABLE.matcher(parts[1]).matches()) {
                return "table " + parts[1];
            }
            throw error(where, "must be 'catalog', 'schema NAME' or 'table SCHEMA.NAME', not '" + node.asText() + "'");
        }

        String passwordHash(JsonNode node, String where) {
            String hash = text(node, where + ".password");
            if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw error(where + ".password", "must be a bcrypt hash (bin/callsignal policy hash-password), never"
                        + " the password itself");
            }
            return hash;
        }

        /** A SQL expression that parses, whose ${user.x} references every user it applies to has. */
        String sql(JsonNode node, String where, Map<String, User> users, Set<String> appliesTo) {
            String sql = text(node, where);
            Matcher matcher = USER_REFERENCE.matcher(sql);
            while (matcher.find()) {
                String attribute = matcher.group(1);
                if (attribute == null) {
                    continue;
                }
                users.values().stream()
                        .filter(u -> appliesTo.contains(u.name()) || u.groups().stream().anyMatch(appliesTo::contains))
                        .filter(u -> !u.attributes().containsKey(attribute))
                        .findFirst().ifPresent(u -> {
                            throw error(where, "uses ${user." + attribute + "}, which user " + u.name() + " lacks");
                        });
            }
            try {
                CatalystSqlParser$.MODULE$.parseExpression(USER_REFERENCE.matcher(sql).replaceAll("''"));
            } catch (Exception e) { // Spark's ParseException, which Scala throws unchecked
                throw error(where, "is not a SQL expression: " + e.getMessage().lines().findFirst().orElse(""));
            }
            return sql;
        }
    }
}
