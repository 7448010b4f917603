package dev.omniarchitect.kinds.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedTuple;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import java.util.List;
import java.util.Map;

/**
 * hcl4j's parser with evaluation switched off. Out of the box it evaluates what it parses: a
 * {@code data "http"} block makes it send an HTTP request (from our function, to any URL a generated
 * file names), function calls run (regexall with a model-written pattern), and for-expressions print to
 * standard output. Validation needs the structure only, so none of that runs here.
 */
final class SafeHclParser extends HCLParser {

    @Override
    protected Map<String, Object> evaluateDataLookup(String type, String name, Map<String, Object> block) {
        return block == null ? Map.of() : block;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function) {
        return null;
    }

    @Override
    protected Object evaluateFunctionCall(String name, Function function, Map<String, Object> context) {
        return null;
    }

    @Override
    protected Object evaluateComputedTuple(ComputedTuple tuple) {
        return List.of();
    }

    @Override
    protected Object evaluateComputedTuple(ComputedTuple tuple, Map<String, Object> context) {
        return List.of();
    }
}
