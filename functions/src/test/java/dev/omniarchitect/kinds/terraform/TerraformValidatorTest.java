package dev.omniarchitect.kinds.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.testing.LoopbackHttpServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerraformValidatorTest {

    @Test
    void parsingNeverFetchesWhatADataSourceNames() {
        try (LoopbackHttpServer server =
                     LoopbackHttpServer.start("/", received -> LoopbackHttpServer.Reply.json(200, "{}"))) {
            String main = """
                    terraform {
                      required_providers {
                        http = {
                          source  = "hashicorp/http"
                          version = "~> 3.4"
                        }
                      }
                    }

                    data "http" "metadata" {
                      url = "%s/latest/meta-data"
                    }

                    output "leaked" {
                      description = "What the URL answered."
                      value       = data.http.metadata.response_body
                    }
                    """.formatted(server.origin());

            assertEquals(List.of(), new TerraformValidator().validate(List.of(new GeneratedFile("main.tf", main))));
            assertEquals(0, server.calls());
        }
    }

    @Test
    void hcl4jsHttpClientIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.http.impl.client.HttpClients"));
    }

    @Test
    void variablesDeclaredInOneFileServeReferencesInAnother() {
        List<GeneratedFile> files = List.of(
                new GeneratedFile("main.tf", "locals {\n  name = var.name\n  other = var.missing\n}\n"),
                new GeneratedFile("variables.tf", "variable \"name\" {\n  type        = string\n"
                        + "  description = \"The name.\"\n}\n"));

        assertEquals(List.of("terraform/undeclared-variable@main.tf:3"), new TerraformValidator().validate(files).stream()
                .map(f -> f.rule() + "@" + f.path() + ":" + f.line()).toList());
    }
}
