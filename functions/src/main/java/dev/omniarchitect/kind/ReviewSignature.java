package dev.omniarchitect.kind;

import java.util.regex.Pattern;

/**
 * How a security review recognises a file of a kind in an item's input, so that kind's own validator
 * reviews it beside the model.
 *
 * @param signature   found in the text of every file of the kind
 * @param fileName    the name the input is checked under
 * @param precedence  signatures are tried lowest first, so a more specific kind (a CloudFormation template,
 *                    which may also hold {@code apiVersion:} and {@code kind:} lines) wins over a broader one
 */
public record ReviewSignature(Pattern signature, String fileName, int precedence) {

    /** Whether the input looks like a file of the kind. */
    public boolean matches(String input) {
        return signature.matcher(input).find();
    }
}
