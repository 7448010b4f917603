package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A Choice Rule, or a rule nested in And, Or or Not. */
sealed interface ChoiceRule {
    boolean matches(Scope scope) throws StatesError;

    /** And: every rule matches. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(Scope scope) throws StatesError {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(scope)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Or: some rule matches. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(Scope scope) throws StatesError {
            for (ChoiceRule rule : rules) {
                if (rule.matches(scope)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Not: the rule does not match. */
    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) throws StatesError {
            return !rule.matches(scope);
        }
    }

    /**
     * A String, Numeric, Boolean or Timestamp comparison of the Variable with a literal or, for the
     * Path operators, with another path's value; values of another type never match.
     */
    record Comparison(PathExpression variable, ValueType type, Relation relation, ValueExpression expected)
            implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) throws StatesError {
            JsonNode actual = variable.evaluate(scope);
            JsonNode wanted = expected.evaluate(scope);
            return type.accepts(actual) && type.accepts(wanted)
                    && relation.holds(type.comparator.compare(actual, wanted));
        }
    }

    /** StringMatches: the Variable is a string matching a pattern where * stands for any text. */
    record StringMatch(PathExpression variable, Pattern pattern) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) throws StatesError {
            JsonNode actual = variable.evaluate(scope);
            return actual.isTextual() && pattern.matcher(actual.textValue()).matches();
        }
    }

    /** IsPresent, compared with true or false: the one test a missing Variable does not fail. */
    record PresenceTest(PathExpression variable, boolean expected) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) throws StatesError {
            return variable.find(scope).isPresent() == expected;
        }
    }

    /** IsNull, IsString and the other type tests, compared with true or false. */
    record TypeTest(PathExpression variable, TypeCheck check, boolean expected) implements ChoiceRule {
        @Override
        public boolean matches(Scope scope) throws StatesError {
            return check.test.test(variable.evaluate(scope)) == expected;
        }
    }

    /** The value types the comparison operators are named after, each with its ordering. */
    enum ValueType {
        STRING(JsonNode::isTextual, Comparator.comparing(JsonNode::textValue)),
        NUMERIC(JsonNode::isNumber, Comparator.comparing(JsonNode::decimalValue)),
        BOOLEAN(JsonNode::isBoolean, Comparator.comparing(JsonNode::booleanValue)),
        TIMESTAMP(node -> timestamp(node).isPresent(), Comparator.comparing(node -> timestamp(node).orElseThrow()));

        private final Predicate<JsonNode> accepts;
        private final Comparator<JsonNode> comparator;

        ValueType(Predicate<JsonNode> accepts, Comparator<JsonNode> comparator) {
            this.accepts = accepts;
            this.comparator = comparator;
        }

        boolean accepts(JsonNode value) {
            return accepts.test(value);
        }

        static Optional<Instant> timestamp(JsonNode value) {
            if (!value.isTextual()) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(value.textValue()).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** How a comparison's outcome must relate the Variable to the expected value. */
    enum Relation {
        EQUALS(c -> c == 0),
        LESS_THAN(c -> c < 0),
        GREATER_THAN(c -> c > 0),
        LESS_THAN_EQUALS(c -> c <= 0),
        GREATER_THAN_EQUALS(c -> c >= 0);

        private final IntPredicate holds;

        Relation(IntPredicate holds) {
            this.holds = holds;
        }

        boolean holds(int comparison) {
            return holds.test(comparison);
        }
    }

    /** The type-test operators other than IsPresent. */
    enum TypeCheck {
        IS_NULL("IsNull", JsonNode::isNull),
        IS_NUMERIC("IsNumeric", JsonNode::isNumber),
        IS_STRING("IsString", JsonNode::isTextual),
        IS_BOOLEAN("IsBoolean", JsonNode::isBoolean),
        IS_TIMESTAMP("IsTimestamp", node -> ValueType.timestamp(node).isPresent());

        final String operator;
        private final Predicate<JsonNode> test;

        TypeCheck(String operator, Predicate<JsonNode> test) {
            this.operator = operator;
            this.test = test;
        }
    }
}
