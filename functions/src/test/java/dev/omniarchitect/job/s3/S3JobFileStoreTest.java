package dev.omniarchitect.job.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.Owner;
import dev.omniarchitect.job.Uploads;
import dev.omniarchitect.runtime.AwsClients;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Upload URLs as S3 takes them: a PUT of exactly that key, signed with the client's credentials, for a while. */
class S3JobFileStoreTest {

    private static S3AsyncClient client(URI endpoint) {
        var builder = S3AsyncClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "secret")));
        return endpoint == null ? builder.build() : builder.endpointOverride(endpoint).build();
    }

    @Test
    void anUploadUrlIsAPresignedPutOfThatKeyValidFifteenMinutes() {
        try (S3AsyncClient s3 = client(null)) {
            String key = Uploads.key(Owner.of("jwt:ann"), "20261207-101500-3f9a1c2b4d5e6f70.jsonl");
            URI url = URI.create(new S3JobFileStore(s3, AwsClients.s3Presigner(s3), "omni-job-files")
                    .uploadUrl(key, Uploads.URL_VALIDITY));

            assertEquals("https", url.getScheme());
            assertEquals("omni-job-files.s3.eu-west-1.amazonaws.com", url.getHost());
            assertEquals("/" + key, url.getPath());
            Map<String, String> query = query(url);
            assertEquals("900", query.get("X-Amz-Expires"));
            assertTrue(query.get("X-Amz-Credential").startsWith("AKIDEXAMPLE/"), query.toString());
            assertTrue(query.get("X-Amz-Credential").contains("/eu-west-1/s3/aws4_request"), query.toString());
            assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"), query.toString());
        }
    }

    @Test
    void aStandInEndpointIsSignedPathStyle() {
        try (S3AsyncClient s3 = client(URI.create("http://127.0.0.1:4566"))) {
            URI url = URI.create(new S3JobFileStore(s3, AwsClients.s3Presigner(s3), "omni-job-files")
                    .uploadUrl("uploads/a/b", Uploads.URL_VALIDITY));

            assertEquals("127.0.0.1", url.getHost());
            assertEquals("/omni-job-files/uploads/a/b", url.getPath());
        }
    }

    private static Map<String, String> query(URI url) {
        return java.util.Arrays.stream(url.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> java.net.URLDecoder.decode(pair[1],
                        java.nio.charset.StandardCharsets.UTF_8)));
    }
}
