package io.callsignal.model;

import io.callsignal.catalog.LakeTable;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.OuterReference;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Tuple3;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * {@code predict_deal_outcome(deal_id)} in every session the sink's jar makes (spark.sql.extensions):
 * the champion's win probability for the deal, from gold.deal_predictions, which holds it for every
 * deal's current features. It is a scalar subquery on that table, so it costs a lookup, and a user
 * gets an answer only where the governance policy lets them read the table (and its row filters
 * apply); a deal without a prediction gives NULL.
 */
public final class PredictFunction extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    public static final String NAME = "predict_deal_outcome";
    private static final String ARGUMENT = "__predict_deal_outcome_argument";

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectFunction(new Tuple3<>(new FunctionIdentifier(NAME),
                new ExpressionInfo(PredictFunction.class.getName(), null, NAME),
                new AbstractFunction1<Seq<Expression>, Expression>() {
                    @Override
                    public Expression apply(Seq<Expression> arguments) {
                        if (arguments.size() != 1) {
                            throw new IllegalArgumentException(NAME + " takes one argument, a deal_id; got "
                                    + arguments.size());
                        }
                        return lookup(arguments.head());
                    }
                }));
        return BoxedUnit.UNIT;
    }

    /** The subquery, the deal_id expression in it as a reference to the query that calls the function. */
    static Expression lookup(Expression dealId) {
        // max(): Spark wants a correlated scalar subquery aggregated; a deal has one prediction.
        SubqueryExpression subquery = (SubqueryExpression) CatalystSqlParser$.MODULE$.parseExpression(
                "(SELECT max(win_probability) FROM " + LakeTable.GOLD_DEAL_PREDICTIONS.qualifiedName()
                        + " WHERE deal_id = " + ARGUMENT + ")");
        Expression outer = dealId.transform(new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(Expression expression) {
                return expression instanceof AttributeReference;
            }

            @Override
            public Expression apply(Expression expression) {
                return new OuterReference((AttributeReference) expression);
            }
        });
        LogicalPlan plan = subquery.plan().transformAllExpressions(new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(Expression expression) {
                return expression instanceof UnresolvedAttribute attribute && attribute.name().equals(ARGUMENT);
            }

            @Override
            public Expression apply(Expression expression) {
                return outer;
            }
        });
        return subquery.withNewPlan(plan);
    }
}
