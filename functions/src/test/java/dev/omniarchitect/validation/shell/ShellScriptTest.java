package dev.omniarchitect.validation.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omniarchitect.validation.InstalledTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shell parser on scripts bash accepts and on scripts it refuses, with the line of the problem. */
class ShellScriptTest {

    static final List<String> ACCEPTED = List.of(
        "echo hello",
        "set -euo pipefail\nmvn -B verify",
        "if [ -f x ]; then echo yes; elif true; then :; else echo no; fi",
        "for f in a b; do echo \"$f\" $f; done",
        "while read -r line; do echo \"$line\"; done < input.txt",
        "case \"$1\" in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac",
        "x=3\necho $x",
        "echo \"${HOME:-/root}\" '$NOT' $'tab\\t' \"$(date +%s)\" `uname`",
        "f() { echo \"$1\"; }\nfunction g { f a; }\ng",
        "[[ $x == y ]] && echo ok || echo no",
        "(cd sub && make) | tee log",
        "cat <<EOF > out.txt\nvalue: $VALUE\nEOF\necho done",
        "echo $(( 1 + 2 )) ${#ARRAY} $? $# \"$@\"",
        "arr=(a b c)\necho \"${arr[@]}\"",
        "diff <(sort a) <(sort b)",
        "echo 'a' \\\n  'b' # comment with ) and fi",
        "export NAME=$VALUE\nA=$B cmd",
        "echo \"x=1\" >> \"$GITHUB_OUTPUT\"",
        "if true\nthen\n  echo a\nfi");

    static Stream<String> accepted() {
        return ACCEPTED.stream();
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptsWhatBashAccepts(String script) {
        assertEquals(List.of(), ShellScript.check(script));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "if [ -f x ]; echo yes; fi|1",
        "echo a\\nif true; then\\n  echo b\\n|3",
        "for x in a b\\n echo\\ndone|2",
        "echo \"unclosed|1",
        "echo 'a\\nb|1",
        "echo $(( 1 + 2 )|1",
        "echo $(date|1",
        "fi|1",
        "echo a &&|1",
        "while true; do echo; fi|1",
        "case x in a) echo ;; |1",
        "cat <<EOF\\nno end|1",
        "{ echo a; echo b|1",
        "echo ${HOME|1",
    })
    void refusesWhatBashRefusesAtTheLine(String script, int line) {
        List<ShellProblem> problems = ShellScript.check(script.replace("\\n", "\n"));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ShellProblem.Type.SYNTAX, problems.get(0).type(), problems.toString());
        assertEquals(line, problems.get(0).line(), problems.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "cp $SRC /tmp|1",
        "echo x >> $GITHUB_OUTPUT|1",
        "set -e\\nrm -rf ${DIR}/build|2",
        "x=$(date)\\necho $x|2",
        "echo \"$(cat $FILE)\"|1",
        "[ -n $Y ] && echo|1",
    })
    void findsUnquotedExpansions(String script, int line) {
        List<ShellProblem> problems = ShellScript.check(script.replace("\\n", "\n"));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ShellProblem.Type.UNQUOTED_EXPANSION, problems.get(0).type());
        assertEquals(line, problems.get(0).line());
    }

    /** shellcheck finds the same kinds of problem as we do in every script bash accepts. */
    @Test
    void shellcheckAgreesOnEveryAcceptedScript(@TempDir Path directory) {
        InstalledTool shellcheck = InstalledTool.find("shellcheck").orElse(null);
        Assumptions.assumeTrue(shellcheck != null, "shellcheck is not installed (Debian package shellcheck)");
        for (String script : ACCEPTED) {
            Set<ShellProblem.Type> theirs = Shellcheck.problemTypes(shellcheck, "bash", script, directory);
            Set<ShellProblem.Type> ours = new TreeSet<>();
            ShellScript.check(script).forEach(problem -> ours.add(problem.type()));
            assertEquals(theirs, ours, () -> "shellcheck and our parser disagree on:\n" + script);
        }
    }
}
