package dev.omniarchitect.validation.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelimitersTest {

    private static final Delimiters HCL = new Delimiters(List.of("#", "//"), true, "\"", true);
    private static final Delimiters REGO = new Delimiters(List.of("#"), false, "\"`", false);

    @Test
    void bracketsInStringsCommentsAndHeredocsDoNotCount() {
        String hcl = """
                # a comment with {
                locals {
                  a = "text with } and \\" quote"
                  /* a block comment with (
                     over two lines */
                  b = <<-EOT
                    heredoc with {{ braces
                  EOT
                  c = [for x in ["a"] : x] // trailing ]
                }
                """;

        assertEquals(Optional.empty(), HCL.firstProblem(hcl));
        assertEquals(Optional.empty(), REGO.firstProblem("x := `raw { string\nover lines`\ny := {\"a\": [1]}\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a {\\n  b = 1\\n|1|'{' opened on line 1 is never closed",
        "a {\\n}\\n}\\n|3|'}' closes nothing",
        "a (\\n]\\n|2|']' closes the '(' opened on line 1",
        "a = \"open\\nb = 1\\n|1|string opened with \" on line 1 is not closed",
        "a = <<EOT\\ntext\\n|1|heredoc <<EOT opened on line 1 is never closed",
    })
    void theFirstProblemNamesItsLine(String text, int line, String message) {
        assertEquals(Optional.of(new Delimiters.Problem(line, message)), HCL.firstProblem(text.replace("\\n", "\n")));
    }
}
