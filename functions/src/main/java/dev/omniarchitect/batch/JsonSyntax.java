package dev.omniarchitect.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Why a text is not JSON, in our words: the parser's own wording names its classes and settings. */
final class JsonSyntax {

    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.{1,2})' \\(code");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{1,40})'");

    private JsonSyntax() {
    }

    /** What is wrong at the place the parser stopped. */
    static String describe(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        String lower = original.toLowerCase(Locale.ROOT);
        if (e instanceof StreamConstraintsException) {
            return lower.contains("nesting depth")
                    ? "the JSON nests objects and arrays more than 1000 levels deep"
                    : "a number, string or name is longer than a batch document may hold";
        }
        Matcher character = CHARACTER.matcher(original);
        if (lower.contains("unexpected end-of-input")) {
            return "the text ends before the JSON is complete (a missing } or ] or \")";
        }
        if (lower.contains("illegal unquoted character")) {
            return "a control character (such as a tab or a line break) inside a string must be escaped";
        }
        if (lower.contains("invalid utf-8") || lower.contains("invalid utf8")) {
            return "the text is not valid UTF-8";
        }
        if (lower.contains("unexpected close marker")) {
            return "a closing bracket that does not match the opening one";
        }
        if (lower.contains("duplicate field")) {
            return "a field appears twice in one object";
        }
        if (lower.contains("numeric value") || lower.contains("leading zero")) {
            return "an invalid number";
        }
        Matcher token = TOKEN.matcher(original);
        if (token.find()) {
            return "unexpected word '" + token.group(1) + "'; strings need double quotes, and true, false and "
                    + "null are lower case";
        }
        if (character.find()) {
            return "unexpected character '" + character.group(1) + "'"
                    + (lower.contains("comma") ? "; a comma is missing between two entries"
                    : lower.contains("double-quote") ? "; field names need double quotes" : "");
        }
        return "not valid JSON here";
    }
}
