package dev.weft.cli.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CommandTemplate} and {@link Replacement}: how a job's command line is made. */
class ParallelTemplateTest {

    private static List<String> argv(List<String> command, String... args) {
        return CommandTemplate.parse(command).argv(List.of(args), 7, 2);
    }

    @Test
    void eachReplacementStringGivesItsPartOfTheArgument() {
        List<String> cmd = List.of("echo", "{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}");
        assertThat(argv(cmd, "dir/sub/file.tar.gz"))
                .containsExactly("echo", "dir/sub/file.tar.gz", "dir/sub/file.tar", "file.tar.gz", "dir/sub", "file.tar", "7", "2");
        assertThat(argv(cmd, "plain")).containsExactly("echo", "plain", "plain", "plain", ".", "plain", "7", "2");
        assertThat(argv(cmd, "/top.txt")).containsExactly("echo", "/top.txt", "/top", "top.txt", "/", "top", "7", "2");
        assertThat(argv(cmd, "dir.d/noext")).containsExactly("echo", "dir.d/noext", "dir.d/noext", "noext", "dir.d", "noext", "7", "2");
        assertThat(argv(cmd, ".bashrc")).containsExactly("echo", ".bashrc", ".bashrc", ".bashrc", ".", ".bashrc", "7", "2");
    }

    @Test
    void replacementStringsWorkInsideAWord() {
        assertThat(argv(List.of("cp", "{}", "out/{/.}-{#}.bak"), "in/a.txt")).containsExactly("cp", "in/a.txt", "out/a-7.bak");
    }

    @Test
    void withoutAReplacementStringTheArgumentIsAppended() {
        assertThat(argv(List.of("gzip", "-k"), "a b.txt")).containsExactly("gzip", "-k", "a b.txt");
        assertThat(argv(List.of("echo"), "x", "y")).containsExactly("echo", "x", "y");
        assertThat(CommandTemplate.parse(List.of("echo {} >/dev/null")).argv(List.of("x"), 1, 1))
                .containsExactly("/bin/sh", "-c", "echo x >/dev/null");
        // {#} alone is a replacement string too: nothing is appended.
        assertThat(argv(List.of("echo", "job-{#}"), "x")).containsExactly("echo", "job-7");
    }

    @Test
    void positionalReplacementStringsPickOneInputSource() {
        List<String> cmd = List.of("echo", "{2}", "{1/.}", "{2.}");
        assertThat(argv(cmd, "d/a.txt", "b.c")).containsExactly("echo", "b.c", "a", "b");
    }

    @Test
    void aBareBraceWithSeveralSourcesIsOneArgumentPerSource() {
        assertThat(argv(List.of("echo", "{}", "[{}]"), "a", "b")).containsExactly("echo", "a", "b", "[a b]");
    }

    @Test
    void argumentsAreNeverShellSyntaxWithoutAShell() {
        CommandTemplate t = CommandTemplate.parse(List.of("echo", "{}"));
        assertThat(t.usesShell()).isFalse();
        assertThat(t.argv(List.of("x; rm -rf ~ $(id) `id`"), 1, 1)).containsExactly("echo", "x; rm -rf ~ $(id) `id`");
        assertThat(t.display(List.of("it's"), 1, 1)).isEqualTo("echo 'it'\\''s'");
    }

    @Test
    void aOneWordCommandWithShellSyntaxRunsInAShellWithItsArgumentsQuoted() {
        CommandTemplate t = CommandTemplate.parse(List.of("echo {} | wc -c"));
        assertThat(t.usesShell()).isTrue();
        assertThat(t.argv(List.of("a'b; id"), 1, 1)).containsExactly("/bin/sh", "-c", "echo 'a'\\''b; id' | wc -c");
        assertThat(t.argv(List.of("safe-name.txt"), 1, 1)).containsExactly("/bin/sh", "-c", "echo safe-name.txt | wc -c");
        assertThat(t.display(List.of("x y"), 1, 1)).isEqualTo("echo 'x y' | wc -c");
        // A plain one-word command, replacement strings aside, needs no shell.
        assertThat(CommandTemplate.parse(List.of("{}")).usesShell()).isFalse();
        assertThat(CommandTemplate.parse(List.of("true")).usesShell()).isFalse();
    }

    @Test
    void withoutACommandTheInputIsTheCommand() {
        CommandTemplate t = CommandTemplate.parse(List.of());
        assertThat(t.argv(List.of("echo hi"), 1, 1)).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(t.display(List.of("echo hi"), 1, 1)).isEqualTo("echo hi");
    }

    @Test
    void aSourceBeyondTheInputsIsAnError() {
        CommandTemplate t = CommandTemplate.parse(List.of("echo", "{3}"));
        t.checkSources(3);
        assertThatThrownBy(() -> t.checkSources(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the command uses input source 3 ({3}), but there are 2");
        assertThatThrownBy(() -> CommandTemplate.parse(List.of("", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bracesThatAreNotReplacementStringsStayAsTheyAre() {
        assertThat(argv(List.of("echo", "{x}", "{ }", "{1a}"), "v")).containsExactly("echo", "{x}", "{ }", "{1a}", "v");
    }
}
