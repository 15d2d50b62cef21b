package io.callsignal.governance;

import io.callsignal.catalog.LakeTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LeafNode;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.files.TahoeFileIndex;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * The one place governance is enforced: a rule after Spark's analysis, so it sees every relation
 * a statement reads whatever the way in (SQL, views, CTEs, subqueries, joins, time travel,
 * path-based reads). Each relation needs SELECT on its table and gets the user's row filters and
 * column masks; each command needs the privilege it uses (writes MODIFY, DDL and anything unknown
 * ALL PRIVILEGES). Views run with the reader's rights: their bodies' tables are checked too.
 */
final class Enforcement extends Rule<LogicalPlan> {

    /** A relation governance wrapped in the user's filters and masks (on the wrapper, which governance made). */
    static final TreeNodeTag<String> GOVERNED = new TreeNodeTag<>("callsignal.governed");
    /** The statement's audit record, on the plan's root, for the listener that adds the rows it returned. */
    static final TreeNodeTag<AuditLog.Access> STATEMENT = new TreeNodeTag<>("callsignal.statement");

    private static final Set<String> READ_COMMANDS = Set.of("DescribeDeltaHistory", "DescribeDeltaHistoryCommand",
            "DescribeDeltaDetailCommand", "ShowDeltaTableColumnsCommand", "DescribeTableCommand",
            "DescribeColumnCommand", "DescribeRelation", "DescribeColumn", "ShowColumns", "ShowColumnsCommand",
            "ShowTableProperties", "ShowTablePropertiesCommand", "ShowCreateTable", "ShowCreateTableCommand",
            "ShowPartitions", "ShowPartitionsCommand");
    private static final Set<String> FREE_COMMANDS = Set.of("ShowTables", "ShowTablesCommand", "ShowTablesExtended",
            "ShowNamespaces", "ShowViews", "ShowFunctions", "ShowFunctionsCommand", "ShowCatalogs",
            "ShowCurrentNamespace", "ShowCurrentNamespaceCommand", "ExplainCommand", "DescribeFunction",
            "DescribeFunctionCommand", "ResetCommand");
    private static final Set<String> NAMESPACE_COMMANDS = Set.of("SetCatalogAndNamespace", "SetNamespaceCommand",
            "SetCatalogCommand");
    private static final Set<String> WRITE_COMMANDS = Set.of("AppendData", "OverwriteByExpression",
            "OverwritePartitionsDynamic", "InsertIntoStatement", "InsertIntoHadoopFsRelationCommand",
            "InsertIntoHiveTable", "InsertIntoDataSourceCommand", "MergeIntoCommand", "DeleteCommand",
            "UpdateCommand", "DeltaMergeInto", "MergeIntoTable", "DeleteFromTable", "UpdateTable", "WriteIntoDelta",
            "DeltaDynamicPartitionOverwriteCommand", "OptimizeTableCommand", "VacuumTableCommand",
            "RestoreTableCommand", "DeltaReorgTableCommand", "TruncateTableCommand", "TruncateTable", "ReplaceData",
            "WriteDelta");
    /** Session settings a user may read and change; the rest (catalogs, extensions, Hadoop, Hive, Delta) are an admin's. */
    private static final List<String> SETTABLE = List.of("spark.sql.");
    private static final List<String> NOT_SETTABLE = List.of("spark.sql.catalog", "spark.sql.extensions",
            "spark.sql.warehouse", "spark.sql.hive", "spark.sql.legacy", "spark.sql.sources");

    private final SparkSession session;

    Enforcement(SparkSession session) {
        this.session = session;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        Optional<Governance.Enforced> enforced = Governance.enforced();
        Optional<String> user = Governance.user();
        if (enforced.isEmpty() || user.isEmpty()) {
            return plan;
        }
        Check check = new Check(enforced.get(), user.get());
        try {
            if (!enforced.get().policy().knows(user.get())) {
                throw new AccessDenied(user.get() + " is not a user of the governance policy");
            }
            check.command(plan);
            LogicalPlan governed = check.walk(plan);
            // A statement reads a table or runs a command (Delta's reads of its log, which run for the
            // user too, are neither). Its root is its own node, unless it is a bare relation: Spark's
            // cached object for the table, which must carry nothing of one statement.
            boolean statement = !check.tables.isEmpty() || plan instanceof Command;
            boolean ownRoot = governed instanceof Command || !(governed instanceof LeafNode);
            if (statement && ownRoot && !Governance.inPolicyExpression()) {
                governed.setTagValue(STATEMENT, check.access(governed, null));
            }
            return governed;
        } catch (AccessDenied denied) {
            enforced.get().audit().record(check.access(plan, denied.getMessage()), -1);
            throw denied;
        }
    }

    /** One statement's check: who, and the tables it touched. */
    private final class Check {
        private final Governance.Enforced enforced;
        private final String user;
        private final Set<String> tables = new LinkedHashSet<>();
        private final Map<String, List<Attribute>> read = new LinkedHashMap<>();

        Check(Governance.Enforced enforced, String user) {
            this.enforced = enforced;
            this.user = user;
        }

        Policy policy() {
            return enforced.policy();
        }

        /** The statement's record: the columns read are those of its tables that something in the plan uses. */
        AuditLog.Access access(LogicalPlan plan, String denial) {
            Set<ExprId> used = new HashSet<>();
            plan.output().foreach(a -> used.add(a.exprId()));
            List<LogicalPlan> plans = new ArrayList<>(List.of(plan));
            plans.addAll(JavaConverters.seqAsJavaList(plan.subqueriesAll()));
            plans.forEach(p -> p.foreach(node -> {
                node.references().foreach(a -> used.add(a.exprId()));
                return BoxedUnit.UNIT;
            }));
            Set<String> columns = new LinkedHashSet<>();
            read.forEach((table, attributes) -> attributes.stream().filter(a -> used.contains(a.exprId()))
                    .forEach(a -> columns.add(table + "." + a.name())));
            return new AuditLog.Access(user, enforced.wayIn(),
                    session.sparkContext().getLocalProperty("spark.job.description"), List.copyOf(tables),
                    List.copyOf(columns), denial == null ? "ALLOWED" : "DENIED", denial);
        }

        void require(Privilege privilege, String table) {
            tables.add(table);
            if (!policy().allows(user, privilege, table)) {
                throw new AccessDenied(user + " lacks " + privilege.sql() + " on " + table);
            }
        }

        void requireAdministration(String what) {
            if (!policy().administers(user)) {
                throw new AccessDenied(user + " lacks ALL PRIVILEGES on the catalog, which " + what + " needs");
            }
        }

        /** The privileges a command needs for what it writes or describes; its query children are checked as reads. */
        void command(LogicalPlan plan) {
            if (!(plan instanceof Command) && !plan.getClass().getSimpleName().endsWith("Command")) {
                return;
            }
            String kind = plan.getClass().getSimpleName();
            if (FREE_COMMANDS.contains(kind)) {
                return;
            }
            if (plan instanceof SetCommand set) {
                setting(set);
                return;
            }
            if (NAMESPACE_COMMANDS.contains(kind)) {
                if (!plan.toString().toLowerCase(Locale.ROOT).contains("spark_catalog")
                        && kind.equals("SetCatalogCommand")) {
                    requireAdministration("switching catalogs");
                }
                return;
            }
            List<Reference> targets = new ArrayList<>();
            JavaConverters.seqAsJavaList(plan.productIterator().toSeq()).forEach(field -> {
                // A query child is read (and checked as such); a child that only names a table is the target.
                if (!(field instanceof LogicalPlan child && plan.children().contains(child) && !names(child))) {
                    references(field, targets, 0);
                }
            });
            Privilege needed = READ_COMMANDS.contains(kind) ? Privilege.SELECT
                    : WRITE_COMMANDS.contains(kind) ? Privilege.MODIFY : Privilege.ALL_PRIVILEGES;
            if (targets.isEmpty() && needed != Privilege.SELECT) {
                requireAdministration(kind);
            }
            for (Reference target : targets) {
                if (target.table().isEmpty()) {
                    requireAdministration(kind + " on " + target.what());
                } else {
                    require(needed, target.table().get());
                }
            }
        }

        /** A user may read and change settings under spark.sql. but for the ones listed; the rest are an admin's. */
        private void setting(SetCommand set) {
            Option<Tuple2<String, Option<String>>> kv = set.kv();
            if (kv.isEmpty()) {
                return; // the listing, which Spark redacts
            }
            String key = kv.get()._1().toLowerCase(Locale.ROOT);
            if (SETTABLE.stream().noneMatch(key::startsWith) || NOT_SETTABLE.stream().anyMatch(key::startsWith)) {
                requireAdministration("SET " + kv.get()._1());
            }
        }

        /**
         * Checks every relation read, through views and subqueries, and wraps each in the user's filters
         * and masks. It tags nothing it did not make (Spark caches a table's relation and hands the same
         * object to every statement): only its own wrappers, which it does not enter again when a plan
         * is analysed anew.
         */
        LogicalPlan walk(LogicalPlan node) {
            if (node.getTagValue(GOVERNED).isDefined()) {
                return node;
            }
            if (node instanceof LeafNode) {
                return read(node);
            }
            if (node instanceof View view && !view.isTempView()) {
                require(Privilege.SELECT, name(view.desc().identifier()));
            }
            return node.mapChildren(this::walk).transformExpressions(new AbstractPartialFunction<>() {
                @Override
                public boolean isDefinedAt(Expression expression) {
                    return expression instanceof SubqueryExpression;
                }

                @Override
                public Expression apply(Expression expression) {
                    SubqueryExpression subquery = (SubqueryExpression) expression;
                    return subquery.withNewPlan(walk(subquery.plan()));
                }
            });
        }

        private LogicalPlan read(LogicalPlan node) {
            if (node instanceof LocalRelation || node instanceof OneRowRelation || node instanceof Range
                    || node instanceof LogicalRDD || node instanceof InMemoryRelation || node instanceof Command
                    // A CTE's reference: its definition is in the plan, and checked there.
                    || node instanceof CTERelationRef
                    // What a row filter or mask reads, it reads on the policy's behalf.
                    || Governance.inPolicyExpression()) {
                return node;
            }
            List<Reference> references = new ArrayList<>();
            if (names(node)) {
                references(node, references, 0);
            } else {
                relation(node, references);
            }
            references = references.stream().distinct().toList();
            if (references.size() == 1 && references.get(0).internal()) {
                return node;
            }
            if (references.size() != 1 || references.get(0).table().isEmpty()) {
                requireAdministration("reading " + (references.isEmpty() ? node.nodeName()
                        : references.get(0).what()));
                return node;
            }
            String table = references.get(0).table().get();
            require(Privilege.SELECT, table);
            if (names(node)) {
                return node;
            }
            read.computeIfAbsent(table, t -> new ArrayList<>()).addAll(JavaConverters.seqAsJavaList(node.output()));
            return govern(node, table);
        }

        /** The relation itself, or under the user's row filters (any of them lets a row through) and column masks. */
        private LogicalPlan govern(LogicalPlan relation, String table) {
            List<String> filters = policy().rowFilters(user, table);
            Map<String, String> masks = policy().masks(user, table);
            if (filters.isEmpty() && masks.isEmpty()) {
                return relation;
            }
            // A fresh instance under a projection that keeps the original attribute ids: the plan above
            // reads the masked values, and the optimizer cannot drop the projection as a no-op.
            LogicalPlan fresh = ((org.apache.spark.sql.catalyst.analysis.MultiInstanceRelation) relation).newInstance();
            fresh.setTagValue(GOVERNED, table);
            LogicalPlan filtered = filters.isEmpty() ? fresh : new Filter(parse(
                    filters.stream().map(f -> "(" + f + ")").collect(Collectors.joining(" OR "))), fresh);
            List<Attribute> original = JavaConverters.seqAsJavaList(relation.output());
            List<Attribute> renewed = JavaConverters.seqAsJavaList(fresh.output());
            List<NamedExpression> projection = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                String mask = masks.get(original.get(i).name().toLowerCase(Locale.ROOT));
                Expression value = mask == null ? renewed.get(i)
                        : parse("CAST((" + mask + ") AS " + original.get(i).dataType().sql() + ")");
                projection.add(alias(value, original.get(i)));
            }
            LogicalPlan analyzed = Governance.inPolicyExpression(() -> session.sessionState().analyzer()
                    .execute(new Project(JavaConverters.asScalaBuffer(projection).toSeq(), filtered)));
            LogicalPlan wrapper = keepIds((Project) analyzed, original);
            wrapper.setTagValue(GOVERNED, table);
            return wrapper;
        }

        /** The policy's SQL, which parsed when the policy was loaded. */
        private Expression parse(String sql) {
            try {
                return session.sessionState().sqlParser().parseExpression(sql);
            } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
                throw new IllegalStateException("a policy expression that parsed at load no longer does: " + sql, e);
            }
        }

        private LogicalPlan keepIds(Project project, List<Attribute> original) {
            List<NamedExpression> list = JavaConverters.seqAsJavaList(project.projectList());
            List<NamedExpression> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                kept.add(alias(((Alias) list.get(i)).child(), original.get(i)));
            }
            return new Project(JavaConverters.asScalaBuffer(kept).toSeq(), project.child());
        }

        private static Alias alias(Expression value, Attribute as) {
            return new Alias(value, as.name(), as.exprId(), as.qualifier(), Option.empty(),
                    JavaConverters.asScalaBuffer(List.<String>of()).toSeq());
        }

        /** What a leaf relation reads: a catalog table, a Delta table by path, files, or Delta's own log. */
        private void relation(LogicalPlan node, List<Reference> references) {
            if (node instanceof LogicalRelation logical) {
                if (logical.catalogTable().isDefined()) {
                    references.add(Reference.table(name(logical.catalogTable().get().identifier())));
                } else if (logical.relation() instanceof HadoopFsRelation files) {
                    if (files.location().getClass().getSimpleName().equals("DeltaLogFileIndex")) {
                        references.add(Reference.INTERNAL);
                    } else if (files.location() instanceof TahoeFileIndex delta) {
                        references.add(path(delta.path().toString()));
                    } else {
                        references.add(Reference.other("files " + files.location().rootPaths().mkString(", ")));
                    }
                } else {
                    references.add(Reference.other(logical.relation().toString()));
                }
            } else if (node instanceof DataSourceV2Relation v2) {
                references(v2.table(), references, 0);
                if (references.isEmpty()) {
                    references.add(Reference.other(v2.table().name()));
                }
            } else if (node instanceof HiveTableRelation hive) {
                references.add(Reference.table(name(hive.tableMeta().identifier())));
            } else {
                references.add(Reference.other(node.nodeName()));
            }
        }

        /** The tables a command's fields name, a few levels into the plans and options they hold. */
        private void references(Object field, List<Reference> found, int depth) {
            if (depth > 6 || field == null) {
                return;
            }
            if (field instanceof CatalogTable table) {
                found.add(Reference.table(name(table.identifier())));
            } else if (field instanceof TableIdentifier identifier) {
                found.add(Reference.table(name(identifier)));
            } else if (field instanceof DeltaTableV2 delta) {
                found.add(delta.catalogTable().isDefined() ? Reference.table(name(delta.catalogTable().get().identifier()))
                        : path(delta.path().toString()));
            } else if (field instanceof Identifier identifier) {
                found.add(identifier.namespace().length == 1
                        ? Reference.table((identifier.namespace()[0] + "." + identifier.name()).toLowerCase(Locale.ROOT))
                        : Reference.other(identifier.toString()));
            } else if (field instanceof LogicalPlan plan && plan.getClass().getSimpleName().endsWith("Namespace")) {
                found.add(Reference.other("namespace " + plan));
            } else if (field instanceof LogicalRelation || field instanceof DataSourceV2Relation
                    || field instanceof HiveTableRelation) {
                relation((LogicalPlan) field, found);
            } else if (field instanceof Option<?> option) {
                if (option.isDefined()) {
                    references(option.get(), found, depth + 1);
                }
            } else if (field instanceof scala.collection.Iterable<?> items) {
                items.foreach(item -> {
                    references(item, found, depth + 1);
                    return null;
                });
            } else if (field instanceof LogicalPlan plan) {
                JavaConverters.seqAsJavaList(plan.productIterator().toSeq())
                        .forEach(inner -> references(inner, found, depth + 1));
            }
        }

        private Reference path(String location) {
            LakeTable table = enforced.tablesByLocation().get(Governance.pathOf(location));
            return table == null ? Reference.other("the path " + location) : Reference.table(table.qualifiedName());
        }
    }

    /** A node that names a table for a command (DESCRIBE HISTORY t, OPTIMIZE t) rather than reading it. */
    private static boolean names(LogicalPlan node) {
        return node.getClass().getSimpleName().startsWith("Resolved");
    }

    private static String name(TableIdentifier identifier) {
        return (identifier.database().getOrElse(() -> "default") + "." + identifier.table()).toLowerCase(Locale.ROOT);
    }

    /** A table a plan names, or something governance cannot place on a table (files, other catalogs). */
    private record Reference(Optional<String> table, String what, boolean internal) {
        static final Reference INTERNAL = new Reference(Optional.empty(), "Delta's log", true);

        static Reference table(String name) {
            return new Reference(Optional.of(name), name, false);
        }

        static Reference other(String what) {
            return new Reference(Optional.empty(), what, false);
        }
    }
}
