package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Choice Rules: And, Or, Not, or a Variable with exactly one comparison operator. */
final class ChoiceRuleParser {
    private static final Pattern COMPARISON =
            Pattern.compile("(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals"
                    + "|GreaterThanEquals)(Path)?");

    private ChoiceRuleParser() {
    }

    /** A top-level rule, which alone names the Next state. */
    static ChoiceState.Branch branch(FieldReader where) {
        return new ChoiceState.Branch(rule(where, Set.of("Comment", "Next")), where.target("Next"));
    }

    private static ChoiceRule rule(FieldReader where, Set<String> extraFields) {
        Set<String> fields = new HashSet<>(where.fieldNames());
        fields.removeAll(extraFields);
        for (String combinator : List.of("And", "Or", "Not")) {
            if (fields.contains(combinator)) {
                if (fields.size() > 1) {
                    throw where.invalid(combinator, "cannot be combined with other operators or a Variable");
                }
                return combinator.equals("Not")
                        ? new ChoiceRule.Not(rule(where.object("Not"), Set.of("Comment")))
                        : combination(where, combinator);
            }
        }
        if (!fields.remove("Variable")) {
            throw where.invalid("Variable", "is required unless the rule uses And, Or or Not");
        }
        if (fields.size() != 1) {
            throw where.invalid("Variable", "must come with exactly one comparison operator, not " + fields);
        }
        PathExpression variable = PathExpression.parse(where.string("Variable"), where, "Variable");
        return comparison(where, variable, fields.iterator().next());
    }

    private static ChoiceRule combination(FieldReader where, String combinator) {
        List<FieldReader> operands = where.objects(combinator);
        if (operands.isEmpty()) {
            throw where.invalid(combinator, "must be a non-empty array of rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (FieldReader operand : operands) {
            rules.add(rule(operand, Set.of("Comment")));
        }
        return combinator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }

    private static ChoiceRule comparison(FieldReader where, PathExpression variable, String operator) {
        JsonNode operand = where.value(operator);
        if (operator.equals("IsPresent")) {
            return new ChoiceRule.PresenceTest(variable, bool(where, operator));
        }
        for (ChoiceRule.TypeCheck check : ChoiceRule.TypeCheck.values()) {
            if (check.operator.equals(operator)) {
                return new ChoiceRule.TypeTest(variable, check, bool(where, operator));
            }
        }
        if (operator.equals("StringMatches")) {
            if (!operand.isTextual()) {
                throw where.invalid(operator, "must be a string");
            }
            return new ChoiceRule.StringMatch(variable, wildcardPattern(operand.textValue()));
        }
        Matcher name = COMPARISON.matcher(operator);
        if (!name.matches() || name.group(1).equals("Boolean") && !name.group(2).equals("Equals")) {
            throw where.unsupported(operator);
        }
        // The operator names spell the constants: NumericLessThanEquals is NUMERIC and LESS_THAN_EQUALS.
        ChoiceRule.ValueType type = ChoiceRule.ValueType.valueOf(name.group(1).toUpperCase(Locale.ROOT));
        ChoiceRule.Relation relation = ChoiceRule.Relation.valueOf(
                name.group(2).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        if (name.group(3) != null) {
            return new ChoiceRule.Comparison(variable, type, relation,
                    PathExpression.parse(where.string(operator), where, operator));
        }
        if (!type.accepts(operand)) {
            throw where.invalid(operator, "must be a " + type.name().toLowerCase(Locale.ROOT) + " value");
        }
        return new ChoiceRule.Comparison(variable, type, relation, new LiteralValue(operand));
    }

    private static boolean bool(FieldReader where, String operator) {
        if (!where.value(operator).isBoolean()) {
            throw where.invalid(operator, "must be true or false");
        }
        return where.value(operator).booleanValue();
    }

    // In StringMatches, * matches any text and a backslash makes the next character literal.
    private static Pattern wildcardPattern(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            if (c == '\\' && i + 1 < wildcard.length()) {
                regex.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
