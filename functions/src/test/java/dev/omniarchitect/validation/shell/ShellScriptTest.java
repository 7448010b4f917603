package dev.omniarchitect.validation.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell parser on scripts bash accepts and on scripts it refuses, with the line of the problem. */
class ShellScriptTest {

    @ParameterizedTest
    @ValueSource(strings = {
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
        "if true\nthen\n  echo a\nfi",
    })
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
}
