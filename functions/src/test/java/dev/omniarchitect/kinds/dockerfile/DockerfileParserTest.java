package dev.omniarchitect.kinds.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    @Test
    void continuationsJoinAndTheirCommentLinesAreDropped() {
        List<DockerInstruction> instructions = DockerfileParser.parse("""
                # syntax=docker/dockerfile:1
                FROM debian:bookworm
                RUN apt-get update \\
                    # a comment inside the continuation
                    && apt-get install -y curl \\
                    && rm -rf /var/lib/apt/lists/*

                run echo lower-case keywords count too
                """);

        assertEquals(List.of(
                new DockerInstruction("FROM", "debian:bookworm", 2),
                new DockerInstruction("RUN",
                        "apt-get update  && apt-get install -y curl  && rm -rf /var/lib/apt/lists/*", 3),
                new DockerInstruction("RUN", "echo lower-case keywords count too", 8)), instructions);
    }

    @Test
    void heredocBodiesBelongToTheirInstruction() {
        List<DockerInstruction> instructions = DockerfileParser.parse("""
                FROM alpine:3.22
                RUN <<EOF
                apk add --no-cache curl
                USER root
                EOF
                COPY <<-"CONFIG" /etc/app.conf
                \tkey=value
                \tCONFIG
                USER app
                """);

        assertEquals(List.of("FROM", "RUN", "COPY", "USER"), instructions.stream().map(DockerInstruction::keyword).toList());
        assertEquals("<<EOF\napk add --no-cache curl\nUSER root", instructions.get(1).arguments());
        assertEquals("<<-\"CONFIG\" /etc/app.conf\nkey=value", instructions.get(2).arguments());
        assertEquals(9, instructions.get(3).line());
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        List<DockerInstruction> instructions = DockerfileParser.parse("""
                # escape=`
                FROM mcr.microsoft.com/windows/servercore:ltsc2022
                RUN dir C:\\ `
                    && echo done
                """);

        assertEquals(new DockerInstruction("RUN", "dir C:\\  && echo done", 3), instructions.get(1));
    }

    @Test
    void shellWordsHonourQuotesAndTheExecForm() {
        assertEquals(List.of("A=a b", "B=c"), ShellWords.split("A=\"a b\" B='c'"));
        assertEquals(List.of("src dir", "/dest/"), ShellWords.of("[\"src dir\", \"/dest/\"]"));
    }
}
