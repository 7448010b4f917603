package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The intrinsic functions the local executor implements; any other is refused at load time. */
enum IntrinsicFunction {
    FORMAT("States.Format", 1, true) {
        @Override
        void checkArguments(List<ValueExpression> given, FieldReader where, String field) {
            super.checkArguments(given, where, field);
            if (!(given.get(0) instanceof StringLiteral template)) {
                throw where.invalid(field, "States.Format needs a quoted string as its first argument");
            }
            int placeholders = template.formatPieces().size() - 1;
            if (placeholders != given.size() - 1) {
                throw where.invalid(field, "States.Format has " + placeholders + " {} placeholders but "
                        + (given.size() - 1) + " values for them");
            }
        }

        @Override
        JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError {
            List<String> pieces = ((StringLiteral) arguments.get(0)).formatPieces();
            StringBuilder text = new StringBuilder(pieces.get(0));
            for (int i = 1; i < pieces.size(); i++) {
                JsonNode value = arguments.get(i).evaluate(scope);
                if (value.isContainerNode()) {
                    throw failure(scope, "can only insert strings, numbers, booleans and null, not " + value);
                }
                text.append(value.isTextual() ? value.textValue() : JsonText.write(value)).append(pieces.get(i));
            }
            return TextNode.valueOf(text.toString());
        }
    },
    STRING_TO_JSON("States.StringToJson", 1, false) {
        @Override
        JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError {
            JsonNode value = arguments.get(0).evaluate(scope);
            if (!value.isTextual()) {
                throw failure(scope, "needs a string, not " + value);
            }
            try {
                return JsonText.parse(value.textValue());
            } catch (JsonProcessingException e) {
                throw failure(scope, "was given text that is not JSON: " + e.getOriginalMessage());
            }
        }
    },
    JSON_TO_STRING("States.JsonToString", 1, false) {
        @Override
        JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError {
            return TextNode.valueOf(JsonText.write(arguments.get(0).evaluate(scope)));
        }
    },
    ARRAY("States.Array", 0, true) {
        @Override
        JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (ValueExpression argument : arguments) {
                array.add(argument.evaluate(scope));
            }
            return array;
        }
    },
    ARRAY_LENGTH("States.ArrayLength", 1, false) {
        @Override
        JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError {
            JsonNode value = arguments.get(0).evaluate(scope);
            if (!value.isArray()) {
                throw failure(scope, "needs an array, not " + value);
            }
            return IntNode.valueOf(value.size());
        }
    };

    private final String functionName;
    private final int arity;
    private final boolean variadic;

    IntrinsicFunction(String functionName, int arity, boolean variadic) {
        this.functionName = functionName;
        this.arity = arity;
        this.variadic = variadic;
    }

    static Optional<IntrinsicFunction> named(String name) {
        return Arrays.stream(values()).filter(function -> function.functionName.equals(name)).findFirst();
    }

    void checkArguments(List<ValueExpression> given, FieldReader where, String field) {
        if (given.size() < arity || !variadic && given.size() > arity) {
            throw where.invalid(field, functionName + " takes " + (variadic ? "at least " : "exactly ")
                    + arity + " arguments, not " + given.size());
        }
    }

    abstract JsonNode apply(List<ValueExpression> arguments, Scope scope) throws StatesError;

    StatesError failure(Scope scope, String problem) {
        return StatesError.runtime(scope.stateName(), "The intrinsic function " + functionName + " " + problem);
    }
}
